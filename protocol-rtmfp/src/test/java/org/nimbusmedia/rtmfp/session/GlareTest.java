package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two peers open a session to each other at the same moment (RFC 7016 section 3.5.1.3): one session
 * survives, the one the glare rule (RFC 7425 section 4.3.6) gives the winner, and both callers get
 * it.
 */
class GlareTest {

  @Test
  void simultaneousOpensEndWithOneSessionThatBothSidesGet() throws Exception {
    // One event loop: both IHellos leave before either endpoint reads an answer, so the
    // handshakes cross.
    EventLoopGroup group = new NioEventLoopGroup(1);
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    RtmfpEndpoint alice =
        RtmfpEndpoint.bind(
            group, any, RtmfpConfig.defaults(), new Recorder(), false, Clock.systemUTC());
    RtmfpEndpoint bob =
        RtmfpEndpoint.bind(
            group, any, RtmfpConfig.defaults(), new Recorder(), false, Clock.systemUTC());
    try {
      CompletableFuture<Session> fromAlice = alice.connectPeer(bob.localAddress(), bob.peerId());
      CompletableFuture<Session> fromBob = bob.connectPeer(alice.localAddress(), alice.peerId());
      Session a = fromAlice.get(20, TimeUnit.SECONDS);
      Session b = fromBob.get(20, TimeUnit.SECONDS);

      assertEquals(a.localSessionId(), b.farSessionId());
      assertEquals(b.localSessionId(), a.farSessionId());
      assertTrue(a.initiator() != b.initiator(), "one end initiated the surviving session");
      assertEquals(1, alice.sessionCount());
      assertEquals(1, bob.sessionCount());
      assertEquals(1, alice.stats().glareIgnored() + bob.stats().glareIgnored());
    } finally {
      alice.close();
      bob.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
