package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.flash.FlashUserControl;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.session.RtmfpTransport;
import org.nimbusmedia.rtmfp.session.SessionState;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;
import org.nimbusmedia.server.config.RtmfpServerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;
import org.nimbusmedia.server.testing.TestClients;

/**
 * RTMFP clients on the application path (RFC 7425 section 5): the same scripts, calls, shared
 * objects and streams as RTMP clients, in one application instance, driven by our RTMFP client
 * speaking AMF3 as Flash Player 10 does.
 */
class RtmfpServerIT {
  private static final Duration WAIT = TestClients.WAIT;

  private static final String SCRIPTED_APP =
      """
      var answers = [];
      application.onConnect = function (client, name) {
        if (name == "mallory") {
          application.rejectConnection(client, {reason: "banned"});
          return;
        }
        client.userName = name;
        return true;
      };
      Client.prototype.whoAmI = function () {
        return {protocol: this.protocol, farID: this.farID, nearID: this.nearID,
                farNonce: this.farNonce, nearNonce: this.nearNonce};
      };
      Client.prototype.add = function (a, b) { return a + b; };
      Client.prototype.askName = function () {
        this.call("whoAreYou", {onResult: function (answer) { answers.push(answer); }}, "question");
        return "asked";
      };
      Client.prototype.answers = function () { return answers.join(","); };
      Client.prototype.clientCount = function () { return application.clients.length; };
      """;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients rtmpClients = new TestClients();
  private final EventLoopGroup group = new NioEventLoopGroup(2);

  @BeforeEach
  void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("lookup"));
    Files.copy(Path.of("..", "apps", "lookup", "main.asc"), apps.resolve("lookup/main.asc"));
    Files.createDirectories(apps.resolve("scripted"));
    Files.writeString(apps.resolve("scripted/main.asc"), SCRIPTED_APP);
    nimbus =
        EmbeddedNimbus.startRtmpAndRtmfp(
            apps,
            config ->
                config.withRtmfp(
                    RtmfpServerConfig.defaults()
                        .withKeepalives(Duration.ofSeconds(20), Duration.ofSeconds(7))),
            "live");
  }

  @AfterEach
  void stop() {
    rtmpClients.close();
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private FlashPeer peer() {
    return new FlashPeer(group);
  }

  @Test
  void connectRunsOnConnectAndTheClientSeesItsPeerIds() throws Exception {
    try (FlashPeer alice = peer()) {
      Command result = alice.connect(nimbus.rtmfpAddress(), "scripted", "alice");

      assertEquals("_result", result.name());
      Map<?, ?> info = (Map<?, ?>) result.argument(0);
      assertEquals("NetConnection.Connect.Success", info.get("code"));
      assertEquals(3.0, info.get("objectEncoding"));
      String peerId = ByteBufUtil.hexDump(alice.client().peerId());
      assertEquals(peerId, info.get("connectionID"));
      String serverId = (String) info.get("serverFingerprint");
      assertEquals(64, serverId.length());

      Command who = alice.call("whoAmI");
      assertEquals(ObjectEncoding.AMF3, who.encoding(), "answers come in the caller's encoding");
      Map<?, ?> client = (Map<?, ?>) who.argument(0);
      assertEquals("rtmfp", client.get("protocol"));
      assertEquals(peerId, client.get("farID"), "client.farID is the client's own nc.nearID");
      assertEquals(serverId, client.get("nearID"));
      assertEquals(
          ByteBufUtil.hexDump(alice.client().session().nearNonce()), client.get("farNonce"));
      assertEquals(
          ByteBufUtil.hexDump(alice.client().session().farNonce()), client.get("nearNonce"));
      assertEquals(5.0, alice.call("add", 2.0, 3.0).argument(0));
    }
  }

  @Test
  void aClientThatClosesLeavesTheApplicationAtOnce() throws Exception {
    try (FlashPeer bob = peer()) {
      bob.connect(nimbus.rtmfpAddress(), "scripted", "bob");
      try (FlashPeer alice = peer()) {
        alice.connect(nimbus.rtmfpAddress(), "scripted", "alice");
        assertEquals(2.0, bob.call("clientCount").argument(0));
      }

      // Closing sends a close request (RFC 7016 section 3.5.5): the server ends the connection
      // now, not when the closed session stops lingering (10 s).
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Object count = bob.call("clientCount").argument(0);
      while (!count.equals(1.0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
        count = bob.call("clientCount").argument(0);
      }
      assertEquals(1.0, count, "alice is still in application.clients");
    }
  }

  @Test
  void aRejectedClientGetsConnectRejectedAndItsSessionIsClosed() throws Exception {
    try (FlashPeer mallory = peer()) {
      Command result = mallory.connect(nimbus.rtmfpAddress(), "scripted", "mallory");

      assertEquals("_error", result.name());
      Map<?, ?> info = (Map<?, ?>) result.argument(0);
      assertEquals("NetConnection.Connect.Rejected", info.get("code"));
      assertEquals("banned", ((Map<?, ?>) info.get("application")).get("reason"));
      awaitClosed(mallory);
    }
  }

  @Test
  void malformedAmfOnAFlowClosesThatSessionOnly() throws Exception {
    try (FlashPeer alice = peer();
        FlashPeer bob = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "scripted", "alice");
      bob.connect(nimbus.rtmfpAddress(), "scripted", "bob");

      // An AMF0 string announcing 32767 bytes and carrying two.
      alice
          .client()
          .sendOnConnection(
              new FlowMessage(MessageType.COMMAND_AMF0, 0, new byte[] {2, 0x7f, -1, 'h', 'i'}));

      awaitClosed(alice);
      assertEquals(5.0, bob.call("add", 2.0, 3.0).argument(0), "the server serves the others");
    }
  }

  @Test
  void theServerCallsTheClientAndGetsItsAnswer() throws Exception {
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "scripted", "alice");

      assertEquals("asked", alice.call("askName").argument(0));
      Command question = alice.awaitCommand("whoAreYou");
      assertEquals("question", question.argument(0));
      alice.client().answer(question.transactionId(), "alice here");

      assertEquals("alice here", awaitAnswers(alice, "alice here"));
    }
  }

  @Test
  void seedLookupReturnsTheRtmfpClientsPeerIdToAnRtmpClient() throws Exception {
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "lookup", "alice");
      RtmpClient bob = rtmpClients.connect(nimbus.rtmpUri("lookup"), "bob");

      Map<?, ?> found =
          (Map<?, ?>) bob.call("getRemoteId", "alice").get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertEquals("rtmfp", found.get("protocol"));
      assertEquals(ByteBufUtil.hexDump(alice.client().peerId()), found.get("farID"));
    }
  }

  @Test
  void setPeerInfoIsAnsweredWithTheConfiguredKeepaliveTimers() throws Exception {
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "scripted", "alice");
      assertKeepaliveTimers(alice.awaitKeepaliveTimers()); // after Connect.Success, as Mona

      alice.client().call("setPeerInfo", "192.168.1.20:50000", "[fe80::1]:50000");

      FlashPeer.Received timers = alice.awaitKeepaliveTimers();
      assertKeepaliveTimers(timers); // and in answer to setPeerInfo, as FMS
    }
  }

  private static void assertKeepaliveTimers(FlashPeer.Received timers) {
    FlashUserControl.KeepaliveTimers periods =
        FlashUserControl.parseKeepaliveTimers(timers.message());
    assertEquals(20_000, periods.serverPeriodMs());
    assertEquals(7_000, periods.peerPeriodMs());
    assertEquals(0, timers.streamId());
  }

  @Test
  void sharedObjectsAreSharedBetweenRtmfpAndRtmpClients() throws Exception {
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "scripted", "alice");
      RtmpClient bob = rtmpClients.connect(nimbus.rtmpUri("scripted"), "bob");
      ClientSharedObject bobRoom = bob.sharedObject("room", false);
      bobRoom.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      bobRoom.awaitConnected(WAIT);

      alice.send(
          SharedObjectMessage.of(
              ObjectEncoding.AMF0, "room", 0, false, List.of(new SharedObjectEvent.Use())));
      alice.awaitSharedObject("room");
      alice.send(
          SharedObjectMessage.of(
              ObjectEncoding.AMF0,
              "room",
              0,
              false,
              List.of(
                  new SharedObjectEvent.RequestChange(
                      List.of(new SharedObjectEvent.Property("topic", "rtmfp"))))));

      assertEquals(
          "rtmfp", bobRoom.awaitData(data -> data.containsKey("topic"), WAIT).get("topic"));

      bobRoom.setProperty("answer", "rtmp");
      SharedObjectMessage change =
          awaitSharedObjectEvent(alice, "room", SharedObjectEvent.Change.class);
      SharedObjectEvent.Change event =
          (SharedObjectEvent.Change)
              change.events().stream()
                  .filter(SharedObjectEvent.Change.class::isInstance)
                  .findFirst()
                  .orElseThrow();
      assertEquals("answer", event.properties().get(0).name());
      assertEquals("rtmp", event.properties().get(0).value());
    }
  }

  @Test
  void anRtmfpPublisherIsWatchedByAnRtmpPlayer() throws Exception {
    RtmpClient viewer = rtmpClients.connect(nimbus.rtmpUri("live"));
    ClientStream watching = viewer.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    watching.play("cam").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "live");
      int stream = alice.client().createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      alice.client().publish(stream, "cam");
      alice.awaitStatus("NetStream.Publish.Start");

      byte[] keyframe = {0x17, 0x01, 0, 0, 0, 1, 2, 3, 4, 5};
      byte[] interframe = {0x27, 0x01, 0, 0, 0, 9, 8, 7};
      byte[] audio = {(byte) 0xaf, 0x01, 42, 43};
      alice.client().send(stream, new FlowMessage(MessageType.VIDEO, 0, keyframe));
      alice.client().send(stream, new FlowMessage(MessageType.AUDIO, 10, audio));
      alice.client().send(stream, new FlowMessage(MessageType.VIDEO, 40, interframe));

      ReceivedMedia first = watching.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.VIDEO, WAIT);
      assertArrayEquals(keyframe, first.payload());
      ReceivedMedia sound = watching.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.AUDIO, WAIT);
      assertArrayEquals(audio, sound.payload());
      ReceivedMedia second = watching.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.VIDEO, WAIT);
      assertArrayEquals(interframe, second.payload());
      assertEquals(40, second.timestamp() - first.timestamp());
    }
  }

  @Test
  void aLiveRtmfpPublisherKeepsItsNameAgainstAnRtmpPublisher() throws Exception {
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "live");
      int stream = alice.client().createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      alice.client().publish(stream, "cam");
      alice.awaitStatus("NetStream.Publish.Start");

      RtmpClient intruder = rtmpClients.connect(nimbus.rtmpUri("live"));
      ClientStream second = intruder.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      second.publish("cam", "live");

      assertEquals(
          "NetStream.Publish.BadName",
          intruder.awaitStatus("NetStream.Publish.BadName", WAIT).code());
      assertEquals(SessionState.OPEN, alice.client().session().state());
    }
  }

  @Test
  void anRtmpPublisherIsWatchedByAnRtmfpPlayerOnPrioritisedFlows() throws Exception {
    ClientStream publishing = publishOverRtmp("cam");
    try (FlashPeer bob = peer()) {
      int stream = playOverRtmfp(bob, "cam");
      bob.awaitStatus("NetStream.Play.Start");

      byte[] keyframe = {0x17, 0x01, 0, 0, 0, 1, 2, 3, 4, 5};
      byte[] audio = {(byte) 0xaf, 0x01, 42, 43};
      publishing.sendVideo(0, Unpooled.wrappedBuffer(keyframe));
      publishing.sendAudio(20, Unpooled.wrappedBuffer(audio));

      FlashPeer.Received video = bob.await(m -> m.message().type() == MessageType.VIDEO, WAIT);
      assertEquals(stream, video.streamId());
      assertArrayEquals(keyframe, video.message().payload());
      FlashPeer.Received sound = bob.await(m -> m.message().type() == MessageType.AUDIO, WAIT);
      assertEquals(stream, sound.streamId());
      assertArrayEquals(audio, sound.message().payload());
    }
  }

  @Test
  void theRtmfpSocketRunsOnEpollWhereTheNativeTransportLoads() throws Exception {
    assertEquals(
        Optional.of(RtmfpTransport.epollAvailable()), nimbus.server().rtmfpNativeTransport());
    try (FlashPeer alice = peer()) {
      assertEquals("_result", alice.connect(nimbus.rtmfpAddress(), "scripted", "alice").name());
    }
  }

  @Test
  void streamBeginComesOnlyForNetStreamsOnTheirOwnFlows() throws Exception {
    publishOverRtmp("cam");
    try (FlashPeer bob = peer()) {
      int stream = playOverRtmfp(bob, "cam");
      List<FlashPeer.Received> userControl = new ArrayList<>();
      bob.await(
          m -> {
            if (m.message().type() == MessageType.USER_CONTROL) {
              userControl.add(m);
            }
            return FlowCommands.isCommand(m.message())
                && bob.decode(m).argument(0) instanceof Map<?, ?> info
                && "NetStream.Play.Start".equals(info.get("code"));
          },
          WAIT);

      List<FlashPeer.Received> streamBegins =
          userControl.stream()
              .filter(m -> FlashUserControl.eventType(m.message()) == UserControlEvent.STREAM_BEGIN)
              .toList();
      assertEquals(1, streamBegins.size(), "none for the NetConnection after connect");
      assertEquals(stream, streamBegins.get(0).streamId(), "on the NetStream's flow");
      assertArrayEquals(
          new byte[] {0, 0, 0, 0, 0, (byte) stream}, streamBegins.get(0).message().payload());
    }
  }

  @Test
  void createStreamWithTransactionIdZeroIsAnsweredAsLibrtmfpExpects() throws Exception {
    try (FlashPeer alice = peer()) {
      alice.connect(nimbus.rtmfpAddress(), "live");
      FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);

      alice.client().sendOnConnection(commands.encode(Command.of("createStream", 0, null)));

      Command result = alice.awaitCommand("_result");
      assertEquals(0.0, result.transactionId());
      assertEquals(1.0, result.argument(0));
    }
  }

  private ClientStream publishOverRtmp(String name) throws Exception {
    RtmpClient publisher = rtmpClients.connect(nimbus.rtmpUri("live"));
    ClientStream publishing = publisher.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    publishing.publish(name, "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return publishing;
  }

  /** Connects {@code player} to live, creates a stream and plays {@code name}; its stream id. */
  private int playOverRtmfp(FlashPeer player, String name) throws Exception {
    player.connect(nimbus.rtmfpAddress(), "live");
    int stream = player.client().createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    player.client().play(stream, name);
    return stream;
  }

  private SharedObjectMessage awaitSharedObjectEvent(
      FlashPeer peer, String name, Class<? extends SharedObjectEvent> type) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      SharedObjectMessage message = peer.awaitSharedObject(name);
      if (message.events().stream().anyMatch(type::isInstance)) {
        return message;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " for " + name);
  }

  private static String awaitAnswers(FlashPeer peer, String expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String answers = "";
    while (System.nanoTime() < deadline) {
      answers = (String) peer.call("answers").argument(0);
      if (answers.equals(expected)) {
        return answers;
      }
      Thread.sleep(50);
    }
    return answers;
  }

  private static void awaitClosed(FlashPeer peer) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (peer.client().session().state() != SessionState.OPEN) {
        return;
      }
      Thread.sleep(20);
    }
    assertTrue(false, "the server did not close the session");
  }
}
