package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.server.config.StorageConfig;
import org.nimbusmedia.server.media.flv.FlvFileSource;
import org.nimbusmedia.server.media.flv.FlvIndex;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;

/**
 * Recording and VOD with third-party clients ({@code ../shared/reference/clients.md}): ffmpeg-made
 * FLV and MP4 files play through Nimbus to ffmpeg and rtmpdump, from the start and from a position
 * ({@code rtmpdump --start}); a stream ffmpeg publishes is recorded and ffprobe reads the file.
 *
 * <p>ffmpeg always publishes with type {@code live} (its RTMP muxer has no option for another), so
 * the recording is asked for by the application's script, as FMS applications do: {@code
 * application.onPublish} calls {@code stream.record("record")}.
 */
class VodInteropIT {
  private static final Duration LIMIT = Ffmpeg.LIMIT;
  private static final String RECORDING_SCRIPT =
      """
      application.onPublish = function (client, stream) { stream.record("record"); };
      application.onUnpublish = function (client, stream) { stream.record(false); };
      """;

  @TempDir Path work;
  private Path recordings;
  private EmbeddedNimbus nimbus;
  private Ffmpeg ffmpeg;

  @BeforeEach
  void start() throws Exception {
    recordings = work.resolve("streams");
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("rec"));
    Files.writeString(apps.resolve("rec").resolve("main.asc"), RECORDING_SCRIPT);
    nimbus =
        EmbeddedNimbus.start(
            apps,
            config -> config.withStorage(new StorageConfig(recordings, work.resolve("so"))),
            "vod");
    ffmpeg = new Ffmpeg(work);
  }

  @AfterEach
  void stop() {
    nimbus.close();
  }

  private Path storage(String app) throws Exception {
    Path folder = recordings.resolve(app).resolve("_definst_");
    Files.createDirectories(folder);
    return folder;
  }

  private String url(String path) {
    return nimbus.rtmpUri(path).toString();
  }

  @Test
  void ffmpegPlaysAnFfmpegMadeFlvFile() throws Exception {
    ffmpeg.makeFile(storage("vod").resolve("clip.flv"), 6);
    Path out = work.resolve("played.flv");

    ffmpeg.play(url("vod/clip.flv"), out);

    ffmpeg.assertPlayable(out);
  }

  @Test
  void ffmpegPlaysAnFfmpegMadeMp4File() throws Exception {
    ffmpeg.makeFile(storage("vod").resolve("clip.mp4"), 6);
    Path out = work.resolve("played-mp4.flv");

    ffmpeg.play(url("vod/mp4:clip.mp4"), out);

    ffmpeg.assertPlayable(out);
  }

  @Test
  void rtmpdumpDownloadsAnMp4FileWhole() throws Exception {
    ffmpeg.makeFile(storage("vod").resolve("movie.mp4"), 6);
    Path out = work.resolve("dump.flv");

    rtmpdump(url("vod/mp4:movie.mp4"), out);

    ffmpeg.assertPlayable(out);
    assertTrue(ffmpeg.duration(out) > 5.5, "the whole file: " + ffmpeg.duration(out));
  }

  @Test
  void rtmpdumpStartsAtAPositionInFlvAndMp4Files() throws Exception {
    ffmpeg.makeFile(storage("vod").resolve("seek.mp4"), 6);
    ffmpeg.makeFile(storage("vod").resolve("seek.flv"), 6);

    for (String name : List.of("mp4:seek.mp4", "seek")) {
      Path out = work.resolve("from-3-" + name.replace(':', '-') + ".flv");
      rtmpdump(url("vod/" + name), out, "--start", "3.5");

      // rtmpdump adds its --start to every timestamp it writes, onMetaData's too, and ffprobe
      // takes a script tag stamped later than 0 for a text stream: only audio and video count.
      assertTrue(ffmpeg.codecs(out).containsAll(List.of("aac", "h264")), name);
      assertTrue(ffmpeg.decodedVideoFrames(out) >= 25, name + ": decodable from the keyframe");
      // Nimbus sends the keyframe at 3 s stamped 3000 (VodIT checks that with our client).
      assertEquals(
          3.0 + 3.5, ffmpeg.firstVideoTime(out), 0.1, name + ": the keyframe at or before");
    }
  }

  @Test
  void aStreamFfmpegPublishesIsRecordedWithDurationAndTracks() throws Exception {
    try (ExternalTool publisher = ffmpeg.publishTestStream(url("rec/show"), 4)) {
      assertEquals(0, publisher.waitFor(LIMIT), publisher.output());
    }
    Path file = recordings.resolve("rec").resolve("_definst_").resolve("show.flv");
    awaitFinished(file);

    assertEquals(List.of("aac", "h264"), ffmpeg.codecs(file));
    double duration = ffmpeg.duration(file);
    assertTrue(duration > 3.5 && duration < 4.5, "duration " + duration);
    String tags = ffmpeg.ffprobe("-show_entries", "format_tags", "-of", "flat", file.toString());
    assertTrue(tags.contains("format.tags.encoder"), "the publisher's metadata is kept: " + tags);

    Path out = work.resolve("replayed.flv");
    ffmpeg.play(url("rec/show"), out);
    ffmpeg.assertPlayable(out);
  }

  /** The recording is finished when its onMetaData says a duration (written on Record.Stop). */
  private static void awaitFinished(Path file) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && metadataDuration(file) > 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the recording was never finished: " + file);
  }

  private static double metadataDuration(Path file) throws Exception {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try (FlvFileSource source =
        new FlvFileSource(channel, FlvIndex.scan(channel), ByteBufAllocator.DEFAULT)) {
      StreamFrame first = source.next();
      try {
        List<Object> values = new Amf0Decoder().decodeAll(first.content().duplicate());
        return values.get(1) instanceof Map<?, ?> map && map.get("duration") instanceof Double d
            ? d
            : 0;
      } finally {
        first.release();
      }
    }
  }

  private void rtmpdump(String url, Path out, String... options) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of("rtmpdump", "-q", "-r", url, "-o", out.toString()));
    command.addAll(List.of(options));
    try (ExternalTool dump = ExternalTool.start(work, command.toArray(String[]::new))) {
      int exit = dump.waitFor(LIMIT);
      // 0 complete; 2 "may be incomplete" when the last frame is a little short of the duration.
      assertTrue(exit == 0 || exit == 2, "rtmpdump exit " + exit + ":\n" + dump.output());
    }
  }
}
