package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.crypto.CookieJar;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.Packet;

/** Bad input at the endpoint: every case is dropped and counted, or closes one session. */
class BadInputTest {
  private EventLoopGroup group = new NioEventLoopGroup(2);
  private RtmfpEndpoint server;
  private final Recorder serverEvents = new Recorder();

  private void startServer(RtmfpConfig config) {
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            config,
            serverEvents,
            true,
            Clock.systemUTC());
  }

  private RtmfpEndpoint client(RtmfpConfig config) {
    return RtmfpEndpoint.bind(
        group,
        new InetSocketAddress("127.0.0.1", 0),
        config,
        new Recorder(),
        false,
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static void await(LongSupplier value, long atLeast) throws InterruptedException {
    for (int i = 0; i < 400 && value.getAsLong() < atLeast; i++) {
      Thread.sleep(25);
    }
    assertTrue(value.getAsLong() >= atLeast, "counter reached " + value.getAsLong());
  }

  private static byte[] startup(Chunk chunk) {
    return Datagrams.seal(
        0, PacketCipher.defaultKey(), new Packet(Packet.MODE_STARTUP, 0, -1, List.of(chunk)));
  }

  @Test
  void ihelloFloodCreatesNoStateAndIsAnsweredStatelessly() throws Exception {
    startServer(RtmfpConfig.defaults());
    try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(10_000);
      for (int i = 0; i < 200; i++) {
        byte[] tag = new byte[16];
        tag[0] = (byte) i;
        byte[] d = startup(new IHello(FlashProfile.serverEpd("live"), tag).toChunk());
        socket.send(new DatagramPacket(d, d.length, server.localAddress()));
      }
      byte[] buf = new byte[2048];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      socket.receive(reply);
      byte[] datagram = java.util.Arrays.copyOf(buf, reply.getLength());
      assertEquals(0, Datagrams.sessionId(datagram));
      Packet p = Datagrams.open(datagram, PacketCipher.defaultKey());
      RHello hello = RHello.decode(p.chunks().get(0).body());
      assertEquals(CookieJar.COOKIE_LENGTH, hello.cookie().length);
    }
    assertEquals(0, server.sessionCount());
  }

  @Test
  void rhelloNeverExceedsTheAmplificationLimit() throws Exception {
    startServer(RtmfpConfig.defaults().withHelloAmplification(1));
    try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(10_000);
      // A short IHello: the 180-byte RHello would be an amplification, so none is sent.
      byte[] small = startup(new IHello(FlashProfile.serverEpd("live"), new byte[16]).toChunk());
      socket.send(new DatagramPacket(small, small.length, server.localAddress()));
      await(server.stats()::amplificationRefused, 1);
      // An IHello as large as the answer (a long ancillary URI) is answered.
      byte[] large =
          startup(new IHello(FlashProfile.serverEpd("x".repeat(200)), new byte[16]).toChunk());
      socket.send(new DatagramPacket(large, large.length, server.localAddress()));
      byte[] buf = new byte[2048];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      socket.receive(reply);
      assertTrue(reply.getLength() <= large.length);
      assertEquals(1, server.stats().amplificationRefused());
    }
  }

  @Test
  void garbageUnknownSessionsAndForgedCookiesAreDroppedAndCounted() throws Exception {
    startServer(RtmfpConfig.defaults());
    try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      byte[] garbage = new byte[36];
      garbage[20] = 1; // session id 0 (words 0..2 are zero), but not a valid packet
      socket.send(new DatagramPacket(garbage, garbage.length, server.localAddress()));
      socket.send(new DatagramPacket(new byte[3], 3, server.localAddress()));
      byte[] unknown =
          Datagrams.seal(0x12345678, PacketCipher.defaultKey(), new Packet(1, 0, -1, List.of()));
      socket.send(new DatagramPacket(unknown, unknown.length, server.localAddress()));
      IIKeying forged =
          new IIKeying(
              5,
              new byte[64],
              FlashProfile.clientCertificate(List.of()),
              KeyComponent.initiator(2, new byte[64]),
              new byte[] {'X'});
      byte[] d = startup(forged.toChunk());
      socket.send(new DatagramPacket(d, d.length, server.localAddress()));
    }
    RtmfpStats stats = server.stats();
    await(stats::undecryptable, 2);
    await(stats::unknownSession, 1);
    await(stats::badCookie, 1);
    assertEquals(0, server.sessionCount());
  }

  @Test
  void sessionsPerAddressAreCapped() throws Exception {
    startServer(RtmfpConfig.defaults().withSessionCaps(100, 2));
    RtmfpConfig quick =
        new RtmfpConfig(
            100,
            16,
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofSeconds(120),
            Duration.ofSeconds(2),
            1192,
            1 << 20,
            16 << 20,
            256,
            RtmfpConfig.defaults().groups(),
            RtmfpConfig.defaults().integrity(),
            0,
            RtmfpConfig.DEFAULT_HELLO_EXCESS_RATE);
    RtmfpEndpoint client = client(quick);
    try {
      client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
      client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException);
      assertTrue(server.stats().refusedByCap() > 0);
      assertEquals(2, server.sessionCount());
    } finally {
      client.close();
    }
  }

  @Test
  void malformedChunkClosesOnlyThatSession() throws Exception {
    startServer(RtmfpConfig.defaults());
    RtmfpEndpoint client = client(RtmfpConfig.defaults());
    try {
      Session a = client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
      Session b = client.connect(server.localAddress(), "live").get(20, TimeUnit.SECONDS);
      Recorder.take(serverEvents.opened);
      Recorder.take(serverEvents.opened);
      // A User Data chunk whose flow id VLU is cut short.
      Packet bad =
          new Packet(
              Packet.MODE_INITIATOR, 0, -1, List.of(new Chunk(0x10, new byte[] {0, (byte) 0x81})));
      client.execute(
          () -> client.send(server.localAddress(), a.farSessionId(), a.encryptor(), bad));
      Session closed = Recorder.take(serverEvents.closed);
      assertEquals(a.localSessionId(), closed.farSessionId());
      assertEquals(1, server.stats().malformedSessionsClosed());
      assertEquals(1, server.sessionCount());
      assertEquals(b.localSessionId(), server.sessions().get(0).farSessionId());
    } finally {
      client.close();
    }
  }
}
