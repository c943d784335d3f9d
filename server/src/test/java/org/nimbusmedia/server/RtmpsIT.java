package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.TestClients;
import org.nimbusmedia.server.testing.TunnelRtmpClient;

/**
 * RTMPS with our Java client (issue 4): it publishes and plays over TLS, and one stream crosses
 * RTMP, RTMPS and RTMPT subscribers. The server's certificate is self-signed, made for the test;
 * the client trusts exactly that certificate.
 */
class RtmpsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path work;
  private SelfSignedCertificate certificate;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() throws Exception {
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
            work.resolve("apps"), config -> RtmptInteropIT.withTunnelAndTls(config, rtmps), "live");
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
    certificate.delete();
  }

  private URI uri(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + nimbus.port(scheme) + "/live");
  }

  private RtmpClientConfig trustingTheTestCertificate() throws SSLException {
    SslContext tls = SslContextBuilder.forClient().trustManager(certificate.cert()).build();
    return RtmpClientConfig.DEFAULTS.withTls(tls);
  }

  private ClientStream stream(String scheme) throws Exception {
    RtmpClient client = clients.create(trustingTheTestCertificate());
    client.connect(uri(scheme)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void keyframe(ClientStream s, long ts) {
    s.sendVideo(ts, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 0x65, (byte) ts}));
  }

  private static ReceivedMedia nextVideo(ClientStream s) throws Exception {
    return s.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.VIDEO, WAIT);
  }

  @Test
  void publishedOverRtmpsPlaysOverRtmpRtmpsAndRtmpt() throws Exception {
    ClientStream publisher = stream("rtmps");
    publisher.publish("secure", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    ClientStream overRtmp = stream("rtmp");
    overRtmp.play("secure").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    ClientStream overRtmps = stream("rtmps");
    overRtmps.play("secure").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    try (TunnelRtmpClient overRtmpt = TunnelRtmpClient.tunnel(nimbus.port("rtmpt"))) {
      overRtmpt.connect("live", uri("rtmpt").toString());
      assertEquals(
          "NetStream.Play.Start",
          overRtmpt.streamCommand(overRtmpt.createStream(), "play", "secure"));

      keyframe(publisher, 40);

      assertEquals(0x65, nextVideo(overRtmp).payload()[5], "the keyframe's NAL header");
      assertEquals(0x65, nextVideo(overRtmps).payload()[5]);
      VideoMessage tunnelled = (VideoMessage) overRtmpt.await(m -> m instanceof VideoMessage, WAIT);
      try {
        assertEquals(0x65, tunnelled.content().getUnsignedByte(5), "the keyframe's NAL header");
      } finally {
        tunnelled.release();
      }
    }
  }

  @Test
  void publishedOverRtmpPlaysOverRtmps() throws Exception {
    ClientStream publisher = stream("rtmp");
    publisher.publish("plain", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    ClientStream player = stream("rtmps");
    player.play("plain").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    keyframe(publisher, 80);

    ReceivedMedia frame = nextVideo(player);
    assertTrue(frame.isKeyframe());
    assertEquals(80, frame.payload()[6], "the byte that numbers this test's frame");
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsNotConnected() {
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS); // the JDK's authorities only

    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> client.connect(uri("rtmps")).get(WAIT.toSeconds(), TimeUnit.SECONDS));

    Throwable cause = failure;
    while (cause != null && !(cause instanceof SSLException)) {
      cause = cause.getCause();
    }
    assertInstanceOf(SSLException.class, cause, "a TLS failure, not " + failure);
  }

  /** Exit code and output of {@code openssl s_client} handshaking with the RTMPS port. */
  private String opensslHandshake(String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + nimbus.port("rtmps"),
                "-servername",
                "localhost"));
    command.addAll(List.of(options));
    try (ExternalTool openssl = ExternalTool.start(work, command.toArray(String[]::new))) {
      return "exit " + openssl.waitFor(WAIT) + "\n" + openssl.output();
    }
  }

  @Test
  void tls13AndTls12ClientsGetAForwardSecretAeadSuite() throws Exception {
    String tls13 = opensslHandshake("-tls1_3");
    assertTrue(tls13.contains("New, TLSv1.3, Cipher is TLS_AES_"), tls13);

    String tls12 = opensslHandshake("-tls1_2");
    assertTrue(tls12.contains("New, TLSv1.2, Cipher is ECDHE-RSA-AES"), tls12);
    assertTrue(tls12.contains("GCM"), tls12);
  }

  @Test
  void aTls11ClientIsRefused() throws Exception {
    // SECLEVEL=0 lets OpenSSL 3 offer TLS 1.1 at all; the server must still say no.
    String tls11 = opensslHandshake("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
    assertTrue(!tls11.startsWith("exit 0"), tls11);
    assertTrue(tls11.contains("New, (NONE), Cipher is (NONE)"), tls11);
  }

  @Test
  void staticRsaAndCbcSuitesAreRefused() throws Exception {
    for (String suite : List.of("AES128-SHA", "AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA")) {
      String handshake = opensslHandshake("-tls1_2", "-cipher", suite);
      assertTrue(!handshake.startsWith("exit 0"), suite + ": " + handshake);
      assertTrue(handshake.contains("New, (NONE), Cipher is (NONE)"), suite + ": " + handshake);
    }
  }
}
