package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.Redirect;
import org.nimbusmedia.rtmfp.session.RtmfpStats;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.Packet;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;
import org.nimbusmedia.server.testing.TestClients;

/**
 * Rendezvous (RFC 7016 section 3.5.1.6): clients connected to the server find each other by peer ID
 * and stream directly ({@code NetStream.DIRECT_CONNECTIONS}); the server only introduces them,
 * which its datagram byte counters show.
 */
class RtmfpRendezvousIT {
  private static final int FRAMES = 200;
  private static final int FRAME_SIZE = 1000;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);

  @BeforeEach
  void start() {
    nimbus = EmbeddedNimbus.startRtmpAndRtmfp(work.resolve("apps"), config -> config, "live");
  }

  @AfterEach
  void stop() {
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private RtmfpStats serverStats() {
    return nimbus.server().rtmfpStats().orElseThrow();
  }

  @Test
  void twoIntroducedClientsStreamDirectlyWithoutTheServerCarryingMedia() throws Exception {
    try (FlashPeer alice = new FlashPeer(group);
        FlashPeer bob = new FlashPeer(group)) {
      alice.connect(nimbus.rtmfpAddress(), "live");
      bob.connect(nimbus.rtmfpAddress(), "live");
      DirectStreams alicesStreams = new DirectStreams(alice.client());
      DirectStreams.Publication camera =
          alicesStreams.publish("camera", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
      DirectStreams bobsStreams = new DirectStreams(bob.client());

      Session direct = connectPeer(bob, alice);
      // One per IHello: the initiator also resends its lookup to the server until a peer answers.
      assertTrue(serverStats().introductions() >= 1);
      LinkedBlockingQueue<FlowMessage> received = new LinkedBlockingQueue<>();
      bobsStreams.play(direct, "camera", received::add);
      assertEquals("NetStream.Play.Reset", statusCode(received.poll(20, TimeUnit.SECONDS)));
      assertEquals("NetStream.Play.Start", statusCode(received.poll(20, TimeUnit.SECONDS)));
      assertEquals(MessageType.DATA_AMF0, received.poll(20, TimeUnit.SECONDS).type());

      long serverBytes = serverStats().bytesIn() + serverStats().bytesOut();
      for (int i = 0; i < FRAMES; i++) {
        byte[] frame = new byte[FRAME_SIZE];
        frame[0] = (byte) (i == 0 ? 0x17 : 0x27);
        frame[1] = (byte) i;
        camera.send(new FlowMessage(MessageType.VIDEO, i * 40L, frame));
      }
      for (int i = 0; i < FRAMES; i++) {
        FlowMessage frame = received.poll(20, TimeUnit.SECONDS);
        assertEquals(MessageType.VIDEO, frame.type());
        assertEquals((byte) i, frame.payload()[1], "frames arrive in order");
        assertEquals(i * 40L, frame.timestamp());
      }
      long carried = serverStats().bytesIn() + serverStats().bytesOut() - serverBytes;
      assertTrue(
          carried < FRAMES * FRAME_SIZE / 20,
          "the server carried " + carried + " bytes of " + FRAMES * FRAME_SIZE + " media bytes");
    }
  }

  @Test
  void aPublisherRefusesSubscribersByOnPeerConnectAndMaxPeerConnections() throws Exception {
    try (FlashPeer alice = new FlashPeer(group);
        FlashPeer bob = new FlashPeer(group);
        FlashPeer carol = new FlashPeer(group);
        FlashPeer dave = new FlashPeer(group)) {
      for (FlashPeer peer : new FlashPeer[] {alice, bob, carol, dave}) {
        peer.connect(nimbus.rtmfpAddress(), "live");
      }
      byte[] refused = carol.client().peerId();
      new DirectStreams(alice.client()).publish("camera", peer -> !Arrays.equals(peer, refused), 1);

      assertEquals("NetStream.Play.Start", playDirect(bob, alice));
      assertEquals("NetStream.Connect.Rejected", playDirect(carol, alice), "onPeerConnect");
      assertEquals("NetStream.Connect.Rejected", playDirect(dave, alice), "maxPeerConnections");
    }
  }

  @Test
  void aLookupForAnUnknownPeerIdGetsNoAnswer() throws Exception {
    try (FlashPeer alice = new FlashPeer(group)) {
      alice.connect(nimbus.rtmfpAddress(), "live");
      byte[] nobody = new byte[32];
      new SecureRandom().nextBytes(nobody);

      CompletableFuture<Session> lookup = alice.client().connectPeer(nimbus.rtmfpAddress(), nobody);

      long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
      while (serverStats().unknownPeerLookups() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, serverStats().unknownPeerLookups(), "the lookup reached the server");
      assertEquals(0, serverStats().introductions());
      assertFalse(lookup.isDone(), "no Redirect and no RHello came back");
    }
  }

  @Test
  void aLookupGetsARedirectWithTheTargetsAddressesAndTheTargetAnswersTheInitiator()
      throws Exception {
    try (FlashPeer alice = new FlashPeer(group);
        DatagramSocket initiator = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      alice.connect(nimbus.rtmfpAddress(), "live");
      alice.awaitKeepaliveTimers(); // the ones that follow Connect.Success
      alice.client().call("setPeerInfo", "192.168.7.7:50000", "[fe80::7]:50001");
      alice.awaitKeepaliveTimers(); // setPeerInfo has been handled
      byte[] tag = new byte[16];
      new SecureRandom().nextBytes(tag);
      Chunk lookup = new IHello(FlashProfile.peerEpd(alice.client().peerId()), tag).toChunk();
      byte[] hello =
          Datagrams.seal(
              0,
              PacketCipher.defaultKey(),
              new Packet(Packet.MODE_STARTUP, 0, -1, List.of(lookup)));
      initiator.setSoTimeout(20_000);

      initiator.send(new DatagramPacket(hello, hello.length, nimbus.rtmfpAddress()));

      Map<Integer, Chunk> answers = new HashMap<>();
      Map<Integer, InetSocketAddress> senders = new HashMap<>();
      while (answers.size() < 2) {
        DatagramPacket datagram = new DatagramPacket(new byte[2048], 2048);
        initiator.receive(datagram);
        byte[] bytes = Arrays.copyOf(datagram.getData(), datagram.getLength());
        for (Chunk chunk : Datagrams.open(bytes, PacketCipher.defaultKey()).chunks()) {
          answers.put(chunk.type(), chunk);
          senders.put(chunk.type(), (InetSocketAddress) datagram.getSocketAddress());
        }
      }
      Redirect redirect = Redirect.decode(answers.get(Chunk.REDIRECT).body());
      assertArrayEquals(tag, redirect.tag());
      assertEquals(
          List.of(
              new RtmfpAddress(
                  new InetSocketAddress("127.0.0.1", localPort(alice)),
                  RtmfpAddress.ORIGIN_OBSERVED),
              new RtmfpAddress(
                  new InetSocketAddress("192.168.7.7", 50000), RtmfpAddress.ORIGIN_LOCAL),
              new RtmfpAddress(new InetSocketAddress("fe80::7", 50001), RtmfpAddress.ORIGIN_LOCAL)),
          redirect.addresses());
      assertEquals(nimbus.rtmfpAddress(), senders.get(Chunk.REDIRECT));
      // The forwarded IHello reached alice, who answered the initiator herself (section 3.5.1.6).
      RHello answer = RHello.decode(answers.get(Chunk.RHELLO).body());
      assertArrayEquals(tag, answer.tag());
      assertEquals(localPort(alice), senders.get(Chunk.RHELLO).getPort());
      assertArrayEquals(alice.client().peerId(), FlashProfile.peerId(answer.certificate()));
    }
  }

  /** The UDP port alice's client is bound to, as the server observes it. */
  private int localPort(FlashPeer peer) {
    return peer.client().localAddress().getPort();
  }

  private Session connectPeer(FlashPeer from, FlashPeer to) throws Exception {
    return from.client()
        .connectPeer(nimbus.rtmfpAddress(), to.client().peerId())
        .get(20, TimeUnit.SECONDS);
  }

  private String playDirect(FlashPeer subscriber, FlashPeer publisher) throws Exception {
    LinkedBlockingQueue<FlowMessage> received = new LinkedBlockingQueue<>();
    new DirectStreams(subscriber.client())
        .play(connectPeer(subscriber, publisher), "camera", received::add);
    String code = statusCode(received.poll(20, TimeUnit.SECONDS));
    // Flash's publisher starts a play with Play.Reset, then Play.Start.
    return code.equals("NetStream.Play.Reset")
        ? statusCode(received.poll(20, TimeUnit.SECONDS))
        : code;
  }

  private String statusCode(FlowMessage message) {
    assertTrue(message != null && FlowCommands.isCommand(message), "an onStatus arrived");
    Map<?, ?> info = (Map<?, ?>) commands.decode(message, 1).argument(0);
    return (String) info.get("code");
  }
}
