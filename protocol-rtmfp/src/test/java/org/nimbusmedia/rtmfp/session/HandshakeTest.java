package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;

class HandshakeTest {
  private EventLoopGroup group;
  private RtmfpEndpoint server;
  private RtmfpEndpoint client;
  private final Recorder serverEvents = new Recorder();
  private final Recorder clientEvents = new Recorder();

  @BeforeEach
  void start() {
    group = new NioEventLoopGroup(2);
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            serverEvents,
            true,
            Clock.systemUTC());
    client =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            clientEvents,
            false,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void initiatorCompletesASessionWithTheResponder() throws Exception {
    Session c =
        client.connect(server.localAddress(), "rtmfp://127.0.0.1/live").get(20, TimeUnit.SECONDS);
    Session s = Recorder.take(serverEvents.opened);
    assertEquals(SessionState.OPEN, c.state());
    assertEquals(SessionState.OPEN, s.state());
    assertEquals(c.localSessionId(), s.farSessionId());
    assertEquals(s.localSessionId(), c.farSessionId());
    // RFC 7425 section 4.3.2: the server sees the client's peer ID, SHA-256 of its certificate.
    assertArrayEquals(client.peerId(), s.farPeerId());
    assertNull(c.farPeerId());
    // Section 4.6.5: each side's near nonce is the other's far nonce.
    assertArrayEquals(c.nearNonce(), s.farNonce());
    assertArrayEquals(s.nearNonce(), c.farNonce());
    assertEquals(1, server.sessionCount());
  }

  @Test
  void messagesFlowBothWaysOnAFlowAndItsReturnFlow() throws Exception {
    Session c = client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
    Session s = Recorder.take(serverEvents.opened);
    long flow = c.openFlow(new byte[] {'T', 'C', 0x04, 0x00}, -1, 0);
    byte[] big = new byte[20_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    c.send(flow, new byte[] {1, 2, 3});
    c.send(flow, big);
    Recorder.Message first = Recorder.take(serverEvents.messages);
    assertArrayEquals(new byte[] {1, 2, 3}, first.bytes());
    assertArrayEquals(new byte[] {'T', 'C', 0x04, 0x00}, first.flow().metadata());
    Recorder.Message second = Recorder.take(serverEvents.messages);
    assertArrayEquals(big, second.bytes());

    long back = s.openFlow(new byte[] {'T', 'C', 0x04, 0x00}, first.flow().flowId(), 0);
    s.send(back, new byte[] {9});
    Recorder.Message reply = Recorder.take(clientEvents.messages);
    assertArrayEquals(new byte[] {9}, reply.bytes());
    assertEquals(flow, reply.flow().returnFlowId());
    assertNotNull(c.rttMillis() >= 0 ? c : null);
  }

  @Test
  void hmacAndSequenceNumberModesAreNegotiatedWhenTheInitiatorRequiresThem() throws Exception {
    // rtmfp-cpp style: send always and request both (RFC 7425 section 4.6.2).
    int flags = KeyComponent.SEND_ALWAYS | KeyComponent.REQUEST;
    RtmfpEndpoint strict =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults().withIntegrity(new IntegrityPolicy(flags, 10, flags)),
            clientEvents,
            false,
            Clock.systemUTC());
    try {
      Session c = strict.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
      Session s = Recorder.take(serverEvents.opened);
      assertTrue(c.sendIntegrity().hmac() && c.sendIntegrity().sequence());
      assertEquals(10, s.receiveIntegrity().hmacLength());
      assertTrue(s.sendIntegrity().hmac() && s.sendIntegrity().sequence());
      assertEquals(16, c.receiveIntegrity().hmacLength());
      long flow = c.openFlow(new byte[] {'T', 'C', 0x04, 0x00}, -1, 0);
      c.send(flow, new byte[] {5, 6});
      Recorder.Message m = Recorder.take(serverEvents.messages);
      assertArrayEquals(new byte[] {5, 6}, m.bytes());
      long back = s.openFlow(new byte[] {'T', 'C', 0x04, 0x00}, m.flow().flowId(), 0);
      s.send(back, new byte[] {7});
      assertArrayEquals(new byte[] {7}, Recorder.take(clientEvents.messages).bytes());
    } finally {
      strict.close();
    }
  }

  @Test
  void aSilentPeerIsDroppedAfterTheIdleTimeout() throws Exception {
    RtmfpEndpoint quickServer =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults().withTimers(Duration.ofMillis(200), Duration.ofMillis(600)),
            serverEvents,
            true,
            Clock.systemUTC());
    try {
      client.connect(quickServer.localAddress(), "live").get(20, TimeUnit.SECONDS);
      Session s = Recorder.take(serverEvents.opened);
      // The client vanishes without a Close (RFC 7016 section 3.5.2.2): pings go unanswered.
      client.close();
      assertEquals(s, Recorder.take(serverEvents.closed));
      assertEquals(0, quickServer.sessionCount());
    } finally {
      quickServer.close();
      client =
          RtmfpEndpoint.bind(
              group,
              new InetSocketAddress("127.0.0.1", 0),
              RtmfpConfig.defaults(),
              clientEvents,
              false,
              Clock.systemUTC());
    }
  }

  @Test
  void closeIsAcknowledgedAndTheServerLingers() throws Exception {
    Session c = client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
    Session s = Recorder.take(serverEvents.opened);
    c.close();
    // RFC 7016 section 3.5.5: Close Ack moves the initiator to S_CLOSED, the responder lingers.
    assertEquals(c, Recorder.take(clientEvents.closed));
    assertEquals(SessionState.CLOSED, c.state());
    assertEquals(0, client.sessionCount());
    for (int i = 0; i < 200 && s.state() == SessionState.OPEN; i++) {
      Thread.sleep(50);
    }
    assertTrue(s.state() == SessionState.FAR_CLOSE_LINGER || s.state() == SessionState.CLOSED);
  }
}
