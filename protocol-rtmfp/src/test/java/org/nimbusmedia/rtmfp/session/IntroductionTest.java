package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.crypto.CookieJar;
import org.nimbusmedia.rtmfp.handshake.ForwardedIHello;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;

/** Peer introduction through a server (RFC 7016 section 3.5.1.6, RFC 7425 section 4.4.4). */
class IntroductionTest {
  private EventLoopGroup group;
  private RtmfpEndpoint server;
  private RtmfpEndpoint alice;
  private RtmfpEndpoint bob;
  private final Recorder serverEvents = new Recorder();
  private final Recorder aliceEvents = new Recorder();
  private final Recorder bobEvents = new Recorder();

  @BeforeEach
  void start() {
    group = new NioEventLoopGroup(2);
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    server =
        RtmfpEndpoint.bind(
            group, any, RtmfpConfig.defaults(), serverEvents, true, Clock.systemUTC());
    alice =
        RtmfpEndpoint.bind(
            group, any, RtmfpConfig.defaults(), aliceEvents, false, Clock.systemUTC());
    bob =
        RtmfpEndpoint.bind(group, any, RtmfpConfig.defaults(), bobEvents, false, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aPeerIsReachedByItsPeerIdThroughTheServer() throws Exception {
    bob.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
    Recorder.take(bobEvents.opened);
    Session a = alice.connectPeer(server.localAddress(), bob.peerId()).get(20, TimeUnit.SECONDS);
    Session b = Recorder.take(bobEvents.opened);
    assertEquals(bob.localAddress(), a.farAddress());
    assertArrayEquals(bob.peerId(), a.farPeerId());
    assertArrayEquals(alice.peerId(), b.farPeerId());
    assertArrayEquals(a.nearNonce(), b.farNonce());

    long flow = a.openFlow(new byte[] {'T', 'C', 0x04, 0x01}, -1, 0);
    a.send(flow, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Recorder.take(bobEvents.messages).bytes());
  }

  @Test
  void anUnknownPeerIdIsNotAnswered() {
    RtmfpConfig quick =
        new RtmfpConfig(
            100,
            16,
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofSeconds(120),
            Duration.ofSeconds(1),
            1192,
            1 << 20,
            16 << 20,
            256,
            RtmfpConfig.defaults().groups(),
            RtmfpConfig.defaults().integrity(),
            0,
            RtmfpConfig.DEFAULT_HELLO_EXCESS_RATE);
    RtmfpEndpoint carol =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            quick,
            new Recorder(),
            false,
            Clock.systemUTC());
    try {
      assertThrows(
          ExecutionException.class,
          () -> carol.connectPeer(server.localAddress(), new byte[32]).get(20, TimeUnit.SECONDS));
    } finally {
      carol.close();
    }
  }

  @Test
  void forwardedIHelloFixtureRoundTrips() {
    byte[] tag = new byte[16];
    ForwardedIHello f =
        new ForwardedIHello(
            org.nimbusmedia.rtmfp.handshake.FlashProfile.peerEpd(new byte[32]),
            new RtmfpAddress(
                new InetSocketAddress("127.0.0.1", 1935), RtmfpAddress.ORIGIN_OBSERVED),
            tag);
    byte[] body = f.toChunk().body();
    // 22 | 21 0f <32> | 02 7f000001 078f | tag
    assertEquals(0x22, body[0]);
    assertEquals(0x02, body[35]);
    assertEquals(0x8f, body[41] & 0xff);
    assertEquals(f, ForwardedIHello.decode(body));
    assertEquals(0x0f, f.toChunk().type());
    assertEquals(64, CookieJar.COOKIE_LENGTH);
  }
}
