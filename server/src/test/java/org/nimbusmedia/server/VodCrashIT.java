package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.media.flv.FlvIndex;
import org.nimbusmedia.server.testing.ChildServer;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;

/**
 * A recording survives {@code kill -9} of the server up to its last flushed tag: the file ends at a
 * whole tag and ffprobe reads its tracks and duration (taken from the last tag, since the
 * onMetaData written at the start says 0 until the recording is finished).
 */
class VodCrashIT {
  @TempDir Path work;

  @Test
  void aRecordingKilledMidwayIsAValidFileUpToTheLastFlush() throws Exception {
    Path apps = work.resolve("apps");
    Path storage = work.resolve("storage");
    Files.createDirectories(apps.resolve("rec"));
    Files.writeString(
        apps.resolve("rec").resolve("main.asc"),
        "application.onPublish = function (client, stream) { stream.record(\"record\"); };\n");
    Ffmpeg ffmpeg = new Ffmpeg(work);
    Path file = storage.resolve("rec").resolve("rec").resolve("_definst_").resolve("crash.flv");

    try (ChildServer child = ChildServer.start(apps, storage);
        ExternalTool publisher =
            ffmpeg.publishTestStream("rtmp://127.0.0.1:" + child.port() + "/rec/crash", 60)) {
      awaitRecorded(file, 4_000, publisher);
      child.kill();
    }

    FlvIndex index;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      index = FlvIndex.scan(channel);
    }
    assertTrue(index.damage().isEmpty(), "ends at a whole tag: " + index.damage());
    assertEquals(Files.size(file), index.dataEnd());
    assertEquals(List.of("aac", "h264"), ffmpeg.codecs(file));
    double duration = ffmpeg.duration(file);
    assertEquals(index.lastTimestamp() / 1000.0, duration, 0.1, "duration from the last tag");
    assertTrue(duration >= 4.0, "duration " + duration);
    assertTrue(ffmpeg.decodedVideoFrames(file) >= 100, "four seconds of decodable video");
  }

  /** Waits until the file holds {@code millis} of media (it is flushed every second). */
  private static void awaitRecorded(Path file, long millis, ExternalTool publisher)
      throws Exception {
    long deadline = System.nanoTime() + Ffmpeg.LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          if (FlvIndex.scan(channel).lastTimestamp() >= millis) {
            return;
          }
        }
      }
      if (!publisher.isAlive()) {
        throw new AssertionError("the publisher ended early:\n" + publisher.output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the recording never reached " + millis + " ms");
  }
}
