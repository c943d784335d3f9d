package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;

/**
 * Real third-party RTMP clients against Nimbus ({@code ../shared/reference/clients.md}): ffmpeg
 * publishes an H.264/AAC test stream; ffmpeg, rtmpdump, GStreamer's rtmp2src and python3-librtmp
 * play it back.
 */
class RtmpInteropIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private ExternalTool publisher;

  @BeforeEach
  void startServer() {
    nimbus = EmbeddedNimbus.startRtmp(work.resolve("apps"), "live");
  }

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.close();
    }
    nimbus.close();
  }

  private String url(String stream) {
    return nimbus.rtmpUri("live/" + stream).toString();
  }

  /** ffmpeg publishing testsrc + sine as H.264 (yuv420p, 1 s GOP) and AAC, in real time. */
  private void publishTestStream(String stream, int seconds) throws Exception {
    publisher =
        ExternalTool.start(
            work,
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "warning",
            "-re",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=44100",
            "-t",
            String.valueOf(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "25",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-f",
            "flv",
            url(stream));
    awaitPublished(stream);
  }

  private void awaitPublished(String stream) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean published =
          nimbus
              .server()
              .applications()
              .instance(new AppAddress("live", AppAddress.DEFAULT_INSTANCE))
              .map(instance -> instance.streams().publishedNames().contains(stream))
              .orElse(false);
      if (published) {
        return;
      }
      if (!publisher.isAlive()) {
        throw new AssertionError("ffmpeg publisher ended early:\n" + publisher.output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("stream " + stream + " never published:\n" + publisher.output());
  }

  /** The codec names ffprobe finds in {@code file}, sorted. */
  private List<String> codecs(Path file) throws Exception {
    try (ExternalTool probe =
        ExternalTool.start(
            work,
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name",
            "-of",
            "csv=p=0",
            file.toString())) {
      assertEquals(0, probe.waitFor(LIMIT), probe.output());
      return probe.output().lines().map(String::trim).filter(l -> !l.isEmpty()).sorted().toList();
    }
  }

  /** Video frames ffprobe counts by decoding {@code file}. */
  private int decodedVideoFrames(Path file) throws Exception {
    try (ExternalTool probe =
        ExternalTool.start(
            work,
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-count_frames",
            "-show_entries",
            "stream=nb_read_frames",
            "-of",
            "csv=p=0",
            file.toString())) {
      assertEquals(0, probe.waitFor(LIMIT), probe.output());
      return Integer.parseInt(probe.output().trim().split("\\R")[0].replace(",", ""));
    }
  }

  @Test
  void ffmpegPlaysWhatFfmpegPublishes() throws Exception {
    publishTestStream("ffmpeg", 30);
    Path out = work.resolve("ffmpeg-play.flv");

    try (ExternalTool player =
        ExternalTool.start(
            work,
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "warning",
            "-i",
            url("ffmpeg"),
            "-t",
            "3",
            "-c",
            "copy",
            "-f",
            "flv",
            out.toString())) {
      assertEquals(0, player.waitFor(LIMIT), player.output());
    }

    assertEquals(List.of("aac", "h264"), codecs(out));
    assertTrue(decodedVideoFrames(out) >= 25, "at least a second of decodable video");
  }

  @Test
  void rtmpdumpRecordsTheLiveStream() throws Exception {
    publishTestStream("dump", 30);
    Path out = work.resolve("rtmpdump.flv");

    try (ExternalTool dump =
        ExternalTool.start(
            work,
            "timeout",
            "--preserve-status",
            "-s",
            "INT",
            "5",
            "rtmpdump",
            "-r",
            url("dump"),
            "--live",
            "-o",
            out.toString())) {
      dump.waitFor(LIMIT); // rtmpdump exits 2 (incomplete) on SIGINT by design
      assertTrue(Files.size(out) > 10_000, "rtmpdump wrote media:\n" + dump.output());
    }

    assertEquals(List.of("aac", "h264"), codecs(out));
    assertTrue(decodedVideoFrames(out) > 0);
  }

  @Test
  void gstreamerRtmp2srcPlays() throws Exception {
    publishTestStream("gst", 30);

    try (ExternalTool gst =
        ExternalTool.start(
            work,
            "gst-launch-1.0",
            "rtmp2src",
            "location=" + url("gst"),
            "num-buffers=100",
            "!",
            "flvdemux",
            "name=d",
            "d.video",
            "!",
            "queue",
            "!",
            "h264parse",
            "!",
            "fakesink",
            "d.audio",
            "!",
            "queue",
            "!",
            "fakesink")) {
      assertEquals(0, gst.waitFor(LIMIT), gst.output());
    }
  }

  @Test
  void python3LibrtmpConnectsWithExtraArgumentsCallsAndReads() throws Exception {
    publishTestStream("py", 30);
    String script =
        """
        import librtmp, sys
        conn = librtmp.RTMP(sys.argv[1], live=True, connect_data=['alice', 42, True, {'role': 'tester'}])
        conn.connect()
        print('length', conn.call('getStreamLength', 'py').result(timeout=10))
        stream = conn.create_stream()
        data = stream.read(65536)
        print('read', len(data))
        """;
    Path file = work.resolve("client.py");
    Files.writeString(file, script);

    try (ExternalTool python =
        ExternalTool.start(work, "/usr/bin/python3", file.toString(), url("py"))) {
      assertEquals(0, python.waitFor(LIMIT), python.output());
      assertTrue(python.output().contains("length 0.0"), python.output());
      assertTrue(
          python.output().lines().anyMatch(l -> l.startsWith("read ") && !l.equals("read 0")),
          python.output());
    }
  }

  @Test
  void ffmpegGetsRejectedForAnUnknownApplication() throws Exception {
    try (ExternalTool player =
        ExternalTool.start(
            work,
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "info",
            "-i",
            nimbus.rtmpUri("nosuchapp/test").toString(),
            "-t",
            "1",
            "-f",
            "null",
            "-")) {
      int exit = player.waitFor(LIMIT);
      // ffmpeg 5.1 reports a connect _error as "Unknown connect error"; the code itself is
      // checked with our own client in RtmpServerIT.
      assertTrue(exit != 0, player.output());
      assertTrue(player.output().contains("connect error"), player.output());
    }
  }
}
