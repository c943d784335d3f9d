package org.nimbusmedia.rtmfp.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.message.MessageType;

/**
 * Direct NetStreams in Flash Player's wire format, checked byte for byte against what librtmfp
 * (which copies Flash) sends and expects: the subscriber's play flow and command, and the
 * publisher's three answering flows.
 */
class DirectStreamsTest {
  /** TC metadata of a direct NetStream: flags 04, stream 2,000,001 as the VLU FA 89 01. */
  private static final byte[] DIRECT_METADATA = HexFormat.of().parseHex("544304fa8901");

  /** librtmfp's play request: AMF0 command, time 0, "play", 0, null, "camera". */
  private static final byte[] PLAY_CAMERA =
      HexFormat.of()
          .parseHex(
              "1400000000" + "020004706c6179" + "000000000000000000" + "05" + "02000663616d657261");

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private RtmfpEndpoint server;
  private RtmfpClient alice;
  private RtmfpClient bob;

  private record Received(ReceiveFlow flow, FlowMessage message) {}

  @BeforeEach
  void start() throws Exception {
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            new ScriptedFlashServer(),
            true,
            Clock.systemUTC());
    alice = RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC());
    bob = RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC());
    for (RtmfpClient client : new RtmfpClient[] {alice, bob}) {
      client.connect(server.localAddress(), "rtmfp://127.0.0.1/live", "live").get(20, SECONDS);
    }
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
    server.close();
    group.shutdownGracefully(0, 1, SECONDS).syncUninterruptibly();
  }

  @Test
  void aSubscriberAsksForTheStreamAsFlashDoes() throws Exception {
    BlockingQueue<Received> atAlice = record(alice);
    Session direct = bob.connectPeer(server.localAddress(), alice.peerId()).get(20, SECONDS);

    new DirectStreams(bob).play(direct, "camera", message -> {});

    Received play = atAlice.poll(20, SECONDS);
    assertArrayEquals(DIRECT_METADATA, play.flow().metadata());
    assertArrayEquals(PLAY_CAMERA, play.message().encode());
  }

  @Test
  void aPublisherAnswersOnADataFlowAndOneFlowPerMediaKind() throws Exception {
    DirectStreams.Publication camera =
        new DirectStreams(alice)
            .publish("camera", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    BlockingQueue<Received> atBob = record(bob);
    Session direct = bob.connectPeer(server.localAddress(), alice.peerId()).get(20, SECONDS);
    long playFlow = direct.openFlow(DIRECT_METADATA, -1, 1);

    direct.send(playFlow, PLAY_CAMERA);

    Received begin = atBob.poll(20, SECONDS);
    assertArrayEquals(
        HexFormat.of().parseHex("04000000000000001e8481"),
        begin.message().encode(),
        "User Control Stream Begin 2000001");
    ReceiveFlow data = begin.flow();
    assertArrayEquals(DIRECT_METADATA, data.metadata());
    assertEquals(playFlow, data.returnFlowId(), "answers the subscriber's play flow");
    assertEquals("NetStream.Play.Reset", statusCode(atBob.poll(20, SECONDS), data));
    assertEquals("NetStream.Play.Start", statusCode(atBob.poll(20, SECONDS), data));
    Received access = atBob.poll(20, SECONDS);
    assertEquals(data, access.flow());
    assertEquals(commands.encodeData("|RtmpSampleAccess", false, false), access.message());

    camera.send(new FlowMessage(MessageType.AUDIO, 20, new byte[] {(byte) 0xaf, 1, 7}));
    camera.send(new FlowMessage(MessageType.VIDEO, 40, new byte[] {0x17, 1, 9}));
    Received audio = atBob.poll(20, SECONDS);
    Received video = atBob.poll(20, SECONDS);
    if (audio.message().type() == MessageType.VIDEO) {
      Received first = audio;
      audio = video;
      video = first;
    }
    assertEquals(
        new FlowMessage(MessageType.AUDIO, 20, new byte[] {(byte) 0xaf, 1, 7}), audio.message());
    assertEquals(new FlowMessage(MessageType.VIDEO, 40, new byte[] {0x17, 1, 9}), video.message());
    for (Received media : new Received[] {audio, video}) {
      assertArrayEquals(DIRECT_METADATA, media.flow().metadata());
      assertEquals(playFlow, media.flow().returnFlowId());
      assertNotEquals(data.flowId(), media.flow().flowId());
    }
    assertNotEquals(audio.flow().flowId(), video.flow().flowId());
  }

  @Test
  void twoPeersPlayEachOthersStreamOnOneSession() throws Exception {
    DirectStreams alicesStreams = new DirectStreams(alice);
    DirectStreams.Publication alicesCamera =
        alicesStreams.publish("camera", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    DirectStreams bobsStreams = new DirectStreams(bob);
    DirectStreams.Publication bobsCamera =
        bobsStreams.publish("camera", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    Session bobToAlice = bob.connectPeer(server.localAddress(), alice.peerId()).get(20, SECONDS);
    BlockingQueue<FlowMessage> atBob = new LinkedBlockingQueue<>();
    bobsStreams.play(bobToAlice, "camera", atBob::add);
    assertEquals("NetStream.Play.Reset", statusCode(atBob.poll(20, SECONDS)));
    Session aliceToBob = alicesCamera.subscribers().iterator().next();

    BlockingQueue<FlowMessage> atAlice = new LinkedBlockingQueue<>();
    alicesStreams.play(aliceToBob, "camera", atAlice::add);

    assertEquals("NetStream.Play.Reset", statusCode(atAlice.poll(20, SECONDS)));
    assertEquals(Set.of(aliceToBob), alicesCamera.subscribers());
    assertEquals(1, bobsCamera.subscribers().size(), "bob serves alice on the same session");
    FlowMessage fromBob = new FlowMessage(MessageType.VIDEO, 0, new byte[] {0x17, 1, 2});
    FlowMessage fromAlice = new FlowMessage(MessageType.VIDEO, 0, new byte[] {0x17, 1, 3});
    bobsCamera.send(fromBob);
    alicesCamera.send(fromAlice);
    assertEquals(fromBob, awaitMedia(atAlice));
    assertEquals(fromAlice, awaitMedia(atBob));
  }

  private static FlowMessage awaitMedia(BlockingQueue<FlowMessage> messages) throws Exception {
    while (true) {
      FlowMessage next = messages.poll(20, SECONDS);
      if (next == null || next.type() == MessageType.VIDEO) {
        return next;
      }
    }
  }

  private String statusCode(FlowMessage message) {
    Map<?, ?> info = (Map<?, ?>) commands.decode(message, 0).argument(0);
    return (String) info.get("code");
  }

  private static BlockingQueue<Received> record(RtmfpClient client) {
    BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    client.onPeerMessage((peer, flow, message) -> received.add(new Received(flow, message)));
    return received;
  }

  private String statusCode(Received received, ReceiveFlow expectedFlow) {
    assertEquals(expectedFlow, received.flow());
    return statusCode(received.message());
  }
}
