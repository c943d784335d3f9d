package org.nimbusmedia.server.rtmps;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.nimbusmedia.server.config.TlsListenerConfig;

/**
 * The pipeline of an RTMPS connection: {@code SslHandler}, then the RTMP pipeline of {@code
 * rtmpInitializer} (named "rtmps" through {@link
 * org.nimbusmedia.server.rtmp.RtmpChannelInitializer#forProtocol}).
 */
public final class RtmpsChannelInitializer extends ChannelInitializer<Channel> {
  /**
   * TLS session lifetime, longer than the seven days a TLS 1.3 ticket may live (RFC 8446 section
   * 4.6.1), so the JDK sends no NewSessionTicket after the handshake. librtmp 2.4 (rtmpdump, the
   * GnuTLS build Debian ships) reads RTMP with {@code gnutls_record_recv} and takes any return
   * other than -1 as data: the post-handshake ticket makes it return a negative GnuTLS code, the
   * client answers with close_notify and "RTMP_Connect1, handshake failed". RTMPS connections are
   * long-lived, so resumption tickets bring little; TLS 1.2 session ids still resume.
   */
  static final long SESSION_TIMEOUT_SECONDS = Duration.ofDays(8).toSeconds();

  /**
   * TLS 1.3 and 1.2 only: 1.0 and 1.1 are deprecated (RFC 8996), whatever the JDK's security file
   * of the machine allows.
   */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /**
   * Forward-secret AEAD suites only, in the JDK's order of preference: the TLS 1.3 suites (RFC 8446
   * section 9.1) and, for TLS 1.2, ECDHE with AES-GCM or ChaCha20-Poly1305 (RFC 7525 section 4.2):
   * no static-RSA key exchange, CBC, RC4 or 3DES. Every RTMPS client in reference/clients.md
   * (librtmp with GnuTLS or OpenSSL, ffmpeg, Flash Player's and AIR's TLS 1.2 stacks) offers at
   * least one of them.
   */
  static boolean isStrongSuite(String suite) {
    boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
    return tls13 || (suite.startsWith("TLS_ECDHE_") && aead);
  }

  private static List<String> strongSuites() throws NoSuchAlgorithmException {
    return Arrays.stream(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites())
        .filter(RtmpsChannelInitializer::isStrongSuite)
        .toList();
  }

  private final SslContext tls;
  private final ChannelHandler rtmpInitializer;

  public RtmpsChannelInitializer(SslContext tls, ChannelHandler rtmpInitializer) {
    this.tls = tls;
    this.rtmpInitializer = rtmpInitializer;
  }

  /**
   * The server's TLS context from the listener's PEM files, with {@link #PROTOCOLS} and the suites
   * {@link #isStrongSuite} admits; a file that cannot be used stops start-up with the key, the file
   * and what was expected.
   */
  public static SslContext serverContext(TlsListenerConfig listener) {
    Path certificate = listener.certificate();
    Path key = listener.privateKey();
    try {
      return SslContextBuilder.forServer(certificate.toFile(), key.toFile())
          .sessionTimeout(SESSION_TIMEOUT_SECONDS)
          .protocols(PROTOCOLS)
          .ciphers(strongSuites())
          .build();
    } catch (Exception | Error e) {
      throw new IllegalArgumentException(
          "server.listeners.rtmps.certificate = "
              + certificate
              + ", server.listeners.rtmps.privateKey = "
              + key
              + ": expected a PEM certificate chain and its unencrypted PKCS#8 PEM private key ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
    channel.pipeline().addLast("rtmp", rtmpInitializer);
  }
}
