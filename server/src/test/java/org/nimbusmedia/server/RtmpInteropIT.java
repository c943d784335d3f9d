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
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;

/**
 * Real third-party RTMP clients against Nimbus ({@code ../shared/reference/clients.md}): ffmpeg
 * publishes an H.264/AAC test stream; ffmpeg, rtmpdump, GStreamer's rtmp2src and python3-librtmp
 * play it back.
 */
class RtmpInteropIT {
  private static final Duration LIMIT = Ffmpeg.LIMIT;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private ExternalTool publisher;
  private Ffmpeg ffmpeg;

  @BeforeEach
  void startServer() {
    // Batches for any audience: the players here get the shared batch encoding (type 1 headers)
    // that a large audience gets.
    nimbus =
        EmbeddedNimbus.start(work.resolve("apps"), EmbeddedNimbus::queueingForAnyAudience, "live");
    ffmpeg = new Ffmpeg(work);
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

  /** ffmpeg publishing its H.264/AAC test stream to {@code stream}, once it is on the bus. */
  private void publishTestStream(String stream, int seconds) throws Exception {
    publisher = ffmpeg.publishTestStream(url(stream), seconds);
    Ffmpeg.awaitPublished(nimbus, publisher, "live", stream);
  }

  @Test
  void ffmpegPlaysWhatFfmpegPublishes() throws Exception {
    publishTestStream("ffmpeg", 30);
    Path out = work.resolve("ffmpeg-play.flv");

    ffmpeg.play(url("ffmpeg"), out);

    ffmpeg.assertPlayable(out);
  }

  @Test
  void rtmpdumpRecordsTheLiveStream() throws Exception {
    publishTestStream("dump", 30);
    Path out = work.resolve("rtmpdump.flv");

    ffmpeg.rtmpdumpLive(url("dump"), out);

    assertEquals(List.of("aac", "h264"), ffmpeg.codecs(out));
    assertTrue(ffmpeg.decodedVideoFrames(out) > 0);
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
