package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;

/**
 * Real third-party clients over RTMPT ({@code reference/fms4.md} section 3) and RTMPS ({@code
 * ../shared/reference/clients.md}): ffmpeg publishes and plays through the HTTP tunnel, rtmpdump
 * plays through it, ffmpeg and rtmpdump play over TLS; streams cross between RTMP and the tunnel
 * both ways.
 */
class RtmptInteropIT {
  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private SelfSignedCertificate certificate;
  private final List<ExternalTool> tools = new ArrayList<>();
  private Ffmpeg ffmpeg;

  @BeforeEach
  void startServer() throws Exception {
    certificate = new SelfSignedCertificate("localhost");
    TlsListenerConfig rtmps = EmbeddedNimbus.rtmpsListener(certificate);
    // Batches for any audience: the players here get the shared batch encoding (type 1 headers)
    // that a large audience gets.
    nimbus =
        EmbeddedNimbus.start(
            work.resolve("apps"),
            config -> withTunnelAndTls(EmbeddedNimbus.queueingForAnyAudience(config), rtmps),
            "live");
    ffmpeg = new Ffmpeg(work);
  }

  static NimbusConfig withTunnelAndTls(NimbusConfig config, TlsListenerConfig rtmps) {
    NimbusConfig tunnelled = EmbeddedNimbus.withRtmpt(config);
    ServerConfig server = tunnelled.server();
    return tunnelled.withServer(
        new ServerConfig(server.listeners().withRtmps(rtmps), server.shutdownTimeout()));
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

  /** ffmpeg publishing its H.264/AAC test stream to {@code url}, once it is on the bus. */
  private void publish(String url, String stream, int seconds) throws Exception {
    ExternalTool publisher = ffmpeg.publishTestStream(url, seconds);
    tools.add(publisher);
    Ffmpeg.awaitPublished(nimbus, publisher, "live", stream);
  }

  @Test
  void ffmpegPlaysOverRtmptWhatFfmpegPublishesOverRtmp() throws Exception {
    publish(url("rtmp", "toTunnel"), "toTunnel", 30);
    Path out = work.resolve("rtmpt-play.flv");

    ffmpeg.play(url("rtmpt", "toTunnel"), out);

    ffmpeg.assertPlayable(out);
  }

  @Test
  void ffmpegPlaysOverRtmpWhatFfmpegPublishesOverRtmpt() throws Exception {
    publish(url("rtmpt", "fromTunnel"), "fromTunnel", 30);
    Path out = work.resolve("rtmp-play.flv");

    ffmpeg.play(url("rtmp", "fromTunnel"), out);

    ffmpeg.assertPlayable(out);
  }

  @Test
  void ffmpegPublishesAndPlaysOverRtmpt() throws Exception {
    publish(url("rtmpt", "both"), "both", 30);
    Path out = work.resolve("rtmpt-both.flv");

    ffmpeg.play(url("rtmpt", "both"), out);

    ffmpeg.assertPlayable(out);
  }

  /**
   * rtmpdump (librtmp 2.4) through the tunnel and over TLS. Over TLS it fails its handshake when
   * the server sends a TLS 1.3 session ticket (see
   * RtmpsChannelInitializer.SESSION_TIMEOUT_SECONDS).
   */
  @ParameterizedTest
  @ValueSource(strings = {"rtmpt", "rtmps"})
  void rtmpdumpRecordsTheLiveStream(String scheme) throws Exception {
    publish(url("rtmp", "dump"), "dump", 30);
    Path out = work.resolve("rtmpdump-" + scheme + ".flv");

    ffmpeg.rtmpdumpLive(url(scheme, "dump"), out);

    assertEquals(List.of("aac", "h264"), ffmpeg.codecs(out));
    assertTrue(ffmpeg.decodedVideoFrames(out) > 0);
  }

  @Test
  void ffmpegPlaysOverRtmps() throws Exception {
    publish(url("rtmp", "tls"), "tls", 30);
    Path out = work.resolve("rtmps-play.flv");

    ffmpeg.play(url("rtmps", "tls"), out, "-tls_verify", "0");

    ffmpeg.assertPlayable(out);
  }

  @Test
  void ffmpegPublishesOverRtmpsAndItPlaysOverRtmpt() throws Exception {
    publish(url("rtmps", "secure"), "secure", 30);
    Path out = work.resolve("rtmpt-secure.flv");

    ffmpeg.play(url("rtmpt", "secure"), out);

    ffmpeg.assertPlayable(out);
  }
}
