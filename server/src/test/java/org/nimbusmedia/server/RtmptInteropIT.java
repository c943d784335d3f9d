package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;

/**
 * Real third-party clients over RTMPT ({@code reference/fms4.md} section 3) and RTMPS ({@code
 * ../shared/reference/clients.md}): ffmpeg publishes and plays through the HTTP tunnel, rtmpdump
 * plays through it, ffmpeg plays over TLS; streams cross between RTMP and the tunnel both ways.
 */
class RtmptInteropIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private SelfSignedCertificate certificate;
  private final List<ExternalTool> tools = new ArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    certificate = new SelfSignedCertificate("localhost");
    TlsListenerConfig rtmps =
        new TlsListenerConfig(
            true,
            "127.0.0.1",
            0,
            certificate.certificate().toPath(),
            certificate.privateKey().toPath());
    nimbus =
        EmbeddedNimbus.start(
            work.resolve("apps"), config -> withTunnelAndTls(config, rtmps), "live");
  }

  static NimbusConfig withTunnelAndTls(NimbusConfig config, TlsListenerConfig rtmps) {
    ServerConfig server = config.server();
    return config.withServer(
        new ServerConfig(
            server.listeners().withRtmpt(new ListenerConfig(true, "127.0.0.1", 0)).withRtmps(rtmps),
            server.shutdownTimeout()));
  }

  @AfterEach
  void stop() {
    tools.forEach(ExternalTool::close);
    nimbus.close();
    certificate.delete();
  }

  private String url(String scheme, String stream) {
    return scheme + "://127.0.0.1:" + nimbus.port(scheme) + "/live/" + stream;
  }

  /** ffmpeg publishing testsrc + sine as H.264 (1 s GOP) and AAC, in real time, to {@code url}. */
  private void publish(String url, String stream, int seconds) throws Exception {
    ExternalTool publisher =
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
            url);
    tools.add(publisher);
    awaitPublished(publisher, stream);
  }

  private void awaitPublished(ExternalTool publisher, String stream) throws InterruptedException {
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

  /** ffmpeg copies three seconds of {@code url} into {@code out}. */
  private void ffmpegPlays(String url, Path out, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning"));
    command.addAll(List.of(options));
    command.addAll(List.of("-i", url, "-t", "3", "-c", "copy", "-f", "flv", out.toString()));
    try (ExternalTool player = ExternalTool.start(work, command.toArray(String[]::new))) {
      assertEquals(0, player.waitFor(LIMIT), player.output());
    }
  }

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

  private void assertPlayable(Path out) throws Exception {
    assertEquals(List.of("aac", "h264"), codecs(out));
    assertTrue(decodedVideoFrames(out) >= 25, "at least a second of decodable video");
  }

  @Test
  void ffmpegPlaysOverRtmptWhatFfmpegPublishesOverRtmp() throws Exception {
    publish(url("rtmp", "toTunnel"), "toTunnel", 30);
    Path out = work.resolve("rtmpt-play.flv");

    ffmpegPlays(url("rtmpt", "toTunnel"), out);

    assertPlayable(out);
  }

  @Test
  void ffmpegPlaysOverRtmpWhatFfmpegPublishesOverRtmpt() throws Exception {
    publish(url("rtmpt", "fromTunnel"), "fromTunnel", 30);
    Path out = work.resolve("rtmp-play.flv");

    ffmpegPlays(url("rtmp", "fromTunnel"), out);

    assertPlayable(out);
  }

  @Test
  void ffmpegPublishesAndPlaysOverRtmpt() throws Exception {
    publish(url("rtmpt", "both"), "both", 30);
    Path out = work.resolve("rtmpt-both.flv");

    ffmpegPlays(url("rtmpt", "both"), out);

    assertPlayable(out);
  }

  @Test
  void rtmpdumpRecordsTheLiveStreamOverRtmpt() throws Exception {
    publish(url("rtmp", "dump"), "dump", 30);
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
            url("rtmpt", "dump"),
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
  void ffmpegPlaysOverRtmps() throws Exception {
    publish(url("rtmp", "tls"), "tls", 30);
    Path out = work.resolve("rtmps-play.flv");

    ffmpegPlays(url("rtmps", "tls"), out, "-tls_verify", "0");

    assertPlayable(out);
  }

  @Test
  void ffmpegPublishesOverRtmpsAndItPlaysOverRtmpt() throws Exception {
    publish(url("rtmps", "secure"), "secure", 30);
    Path out = work.resolve("rtmpt-secure.flv");

    ffmpegPlays(url("rtmpt", "secure"), out);

    assertPlayable(out);
  }
}
