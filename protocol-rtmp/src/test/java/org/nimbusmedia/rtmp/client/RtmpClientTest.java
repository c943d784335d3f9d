package org.nimbusmedia.rtmp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.client.ScriptedRtmpPeer.PeerMedia;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.Acknowledgement;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.message.SetChunkSize;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.message.WindowAcknowledgementSize;

/**
 * The client against a scripted peer on loopback (RTMP 1.0 section 7.2 commands, 5.4 and 6.2
 * upkeep). Asserts what the peer received on the wire and what the client delivered. Waits use
 * generous timeouts and never measure time.
 */
class RtmpClientTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static EventLoopGroup clientGroup;
  private static EventLoopGroup peerGroup;
  private static LeakReports leaks;

  private ScriptedRtmpPeer peer;
  private final List<RtmpClient> clients = new ArrayList<>();

  @BeforeAll
  static void startGroups() {
    leaks = new LeakReports();
    clientGroup = new NioEventLoopGroup(2);
    peerGroup = new NioEventLoopGroup(1);
  }

  @AfterAll
  static void stopGroups() throws InterruptedException {
    clientGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    peerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    assertEquals(List.of(), leaks.collect(), "buffers leaked");
  }

  @BeforeEach
  void startPeer() throws InterruptedException {
    peer = new ScriptedRtmpPeer(peerGroup);
  }

  @AfterEach
  void stopPeer() throws Exception {
    for (RtmpClient client : clients) {
      client.close();
      client.closeFuture().get(30, TimeUnit.SECONDS);
    }
    peer.close();
  }

  private RtmpClient client(RtmpClientConfig config) {
    RtmpClient client = new RtmpClient(clientGroup, config);
    clients.add(client);
    return client;
  }

  private RtmpClient connected(String app) throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS);
    client.connect(peer.url(app)).get(30, TimeUnit.SECONDS);
    peer.awaitCommand("connect");
    return client;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void connectSendsFlashPlayerCommandObjectThenExtraArguments() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS);
    AmfObject extra = AmfObject.of("token", "abc");
    Map<String, Object> info =
        get(client.connect(peer.url("live/room1"), "alice", 42.0, extra, null));

    assertEquals("NetConnection.Connect.Success", info.get("code"));
    assertEquals("FMS/4,5,0,297", client.serverProperties().get("fmsVer"));
    assertTrue(client.isConnected());

    Command connect = peer.awaitCommand("connect");
    assertEquals(0, connect.streamId());
    assertEquals(1.0, connect.transactionId());
    assertEquals(ObjectEncoding.AMF0, connect.encoding());
    Map<?, ?> object = (Map<?, ?>) connect.commandObject();
    assertEquals(
        List.of(
            "app",
            "flashVer",
            "tcUrl",
            "fpad",
            "capabilities",
            "audioCodecs",
            "videoCodecs",
            "videoFunction",
            "objectEncoding"),
        new ArrayList<>(object.keySet()));
    assertEquals("live/room1", object.get("app"));
    assertEquals("LNX 10,0,32,18", object.get("flashVer"));
    assertEquals(peer.url("live/room1").toString(), object.get("tcUrl"));
    assertEquals(false, object.get("fpad"));
    assertEquals(15.0, object.get("capabilities"));
    assertEquals(3191.0, object.get("audioCodecs"));
    assertEquals(252.0, object.get("videoCodecs"));
    assertEquals(1.0, object.get("videoFunction"));
    assertEquals(0.0, object.get("objectEncoding"));
    assertEquals(4, connect.arguments().size());
    assertEquals("alice", connect.argument(0));
    assertEquals(42.0, connect.argument(1));
    assertEquals(extra, connect.argument(2));
    assertNull(connect.argument(3));
  }

  @Test
  void configuredFlashVerUrlsAndAmf3AreSent() throws Exception {
    RtmpClient client =
        client(
            RtmpClientConfig.DEFAULTS
                .withFlashVer("WIN 11,1,102,55")
                .withUrls("http://example.test/p.swf", "http://example.test/")
                .withObjectEncoding(ObjectEncoding.AMF3));
    get(client.connect(peer.url("live")));
    Command connect = peer.awaitCommand("connect");
    // connect itself is always an AMF0 command; objectEncoding announces AMF3.
    assertEquals(ObjectEncoding.AMF0, connect.encoding());
    Map<?, ?> object = (Map<?, ?>) connect.commandObject();
    assertEquals("WIN 11,1,102,55", object.get("flashVer"));
    assertEquals("http://example.test/p.swf", object.get("swfUrl"));
    assertEquals("http://example.test/", object.get("pageUrl"));
    assertEquals(3.0, object.get("objectEncoding"));

    assertEquals("x", get(client.call("echo", "x")));
    assertEquals(ObjectEncoding.AMF3, peer.awaitCommand("echo").encoding());
  }

  @Test
  void rejectedConnectFailsWithTheErrorInfoObject() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS);
    Throwable cause = failure(client.connect(peer.url("reject")));

    RtmpStatusException rejected = assertInstanceOf(RtmpStatusException.class, cause);
    assertEquals("NetConnection.Connect.Rejected", rejected.code());
    assertEquals("Connection failed: Application rejected connection.", rejected.description());
    assertEquals(AmfObject.of("reason", "test"), rejected.application());
    get(client.closeFuture());
    assertFalse(client.isConnected());
  }

  @Test
  void connectTimesOutWhenTheServerNeverAnswers() throws Exception {
    RtmpClient client =
        client(RtmpClientConfig.DEFAULTS.withConnectTimeout(Duration.ofMillis(300)));
    assertInstanceOf(TimeoutException.class, failure(client.connect(peer.url("silent"))));
    get(client.closeFuture());
  }

  @Test
  void connectToAClosedPortFails() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS);
    java.net.URI url = peer.url("live");
    peer.close();
    assertTrue(failure(client.connect(url)) instanceof java.io.IOException);
  }

  @Test
  void aClientClosedBeforeConnectStaysClosed() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS);
    client.close();
    get(client.closeFuture());
    assertInstanceOf(IllegalStateException.class, failure(client.connect(peer.url("live"))));
    assertInstanceOf(IllegalStateException.class, failure(client.call("echo")));
  }

  @Test
  void connectTwiceIsRefused() throws Exception {
    RtmpClient client = connected("live");
    assertInstanceOf(IllegalStateException.class, failure(client.connect(peer.url("live"))));
  }

  @Test
  void callsCompleteWithResultOrErrorAndTransactionIdsIncrement() throws Exception {
    RtmpClient client = connected("live");

    AmfObject value = AmfObject.of("n", 1.0);
    assertEquals(value, get(client.call("echo", value, "ignored")));
    Command echo = peer.awaitCommand("echo");
    assertEquals(2.0, echo.transactionId());
    assertEquals(0, echo.streamId());
    assertNull(echo.commandObject());
    assertEquals(List.of(value, "ignored"), echo.arguments());

    RtmpStatusException error =
        assertInstanceOf(RtmpStatusException.class, failure(client.call("fail")));
    assertEquals("NetConnection.Call.Failed", error.code());
    assertEquals(3.0, peer.awaitCommand("fail").transactionId());

    assertNull(get(client.call("echo")));
    assertEquals(4.0, peer.awaitCommand("echo").transactionId());
  }

  @Test
  void serverCallsAreAnsweredAsFlashPlayerDoes() throws Exception {
    RtmpClient client = connected("live");
    client.onCall("clientMethod", args -> "got " + args);
    client.onCall(
        "throwing",
        args -> {
          throw new IllegalStateException("no way");
        });

    peer.send(Command.of("clientMethod", 77, null, "hello", 42.0));
    Command result = peer.await(Command.class, c -> c.transactionId() == 77);
    assertEquals("_result", result.name());
    assertEquals(0, result.streamId());
    assertEquals(List.of("got [hello, 42.0]"), result.arguments());

    peer.send(Command.of("noSuchMethod", 78, null));
    Command unknown = peer.await(Command.class, c -> c.transactionId() == 78);
    assertEquals("_error", unknown.name());
    assertEquals("NetConnection.Call.Failed", ((Map<?, ?>) unknown.argument(0)).get("code"));

    peer.send(Command.of("throwing", 79, null));
    Command thrown = peer.await(Command.class, c -> c.transactionId() == 79);
    assertEquals("_error", thrown.name());
    assertEquals("no way", ((Map<?, ?>) thrown.argument(0)).get("description"));

    // Every command is also an event the test can wait on.
    assertEquals(List.of("hello", 42.0), client.awaitCommand("clientMethod", WAIT).arguments());
  }

  @Test
  void pingRequestIsAnsweredAndPeerBandwidthGetsAWindow() throws Exception {
    connected("live");
    peer.send(new UserControlEvent.PingRequest(123_456));
    assertEquals(123_456, peer.await(UserControlEvent.PingResponse.class, p -> true).timestamp());
    // Answer to Set Peer Bandwidth (section 5.4.5).
    assertEquals(2_500_000, peer.await(WindowAcknowledgementSize.class, w -> true).windowSize());
  }

  @Test
  void createStreamThenPublishSendsMediaOnTheStreamId() throws Exception {
    RtmpClient client = connected("live");
    ClientStream stream = get(client.createStream());
    assertEquals(1, stream.streamId());
    assertEquals(2.0, peer.awaitCommand("createStream").transactionId());

    StatusEvent start = get(stream.publish("cam", "live"));
    assertEquals("NetStream.Publish.Start", start.code());
    assertEquals(1, start.streamId());
    Command publish = peer.awaitCommand("publish");
    assertEquals(1, publish.streamId());
    assertEquals(0.0, publish.transactionId());
    assertEquals(List.of("cam", "live"), publish.arguments());

    AmfEcmaArray metadata = AmfEcmaArray.of("width", 640.0);
    get(stream.sendData(0, "@setDataFrame", "onMetaData", metadata));
    get(stream.sendVideo(0, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 2})));
    get(stream.sendAudio(0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 9})));
    byte[] big = new byte[5000];
    big[0] = 0x27;
    get(stream.sendVideo(40, Unpooled.wrappedBuffer(big)));

    DataMessage data = peer.await(DataMessage.class, d -> true);
    assertEquals(1, data.streamId());
    assertEquals(List.of("@setDataFrame", "onMetaData", metadata), data.values());
    PeerMedia key = peer.await(PeerMedia.class, m -> m.typeId() == MessageType.VIDEO);
    assertEquals(1, key.streamId());
    assertArrayEquals(new byte[] {0x17, 0, 0, 0, 0, 1, 2}, key.payload());
    PeerMedia audio = peer.await(PeerMedia.class, m -> m.typeId() == MessageType.AUDIO);
    assertEquals(1, audio.streamId());
    assertArrayEquals(new byte[] {(byte) 0xAF, 1, 9}, audio.payload());
    PeerMedia inter = peer.await(PeerMedia.class, m -> m.typeId() == MessageType.VIDEO);
    assertEquals(40, inter.timestamp());
    assertArrayEquals(big, inter.payload());

    get(stream.closeStream());
    assertEquals(1, peer.awaitCommand("closeStream").streamId());
    get(stream.deleteStream());
    Command delete = peer.awaitCommand("deleteStream");
    assertEquals(0, delete.streamId());
    assertEquals(List.of(1.0), delete.arguments());
  }

  @Test
  void aSecondClientPlaysWhatTheFirstPublishes() throws Exception {
    RtmpClient publisher = client(RtmpClientConfig.DEFAULTS);
    get(publisher.connect(peer.url("live")));
    ClientStream out = get(publisher.createStream());
    get(out.publish("relay1", "live"));

    RtmpClient player = client(RtmpClientConfig.DEFAULTS);
    get(player.connect(peer.url("live")));
    ClientStream in = get(player.createStream());
    get(in.play("relay1"));

    for (int i = 0; i < 10; i++) {
      byte[] frame = new byte[300 + i];
      frame[0] = (byte) (i % 5 == 0 ? 0x17 : 0x27);
      frame[1] = (byte) i;
      get(out.sendVideo(i * 40L, Unpooled.wrappedBuffer(frame)));
    }
    for (int i = 0; i < 10; i++) {
      ReceivedMedia frame = in.awaitMedia(WAIT);
      assertEquals(in.streamId(), frame.streamId());
      assertEquals(i * 40L, frame.timestamp());
      assertEquals(i, frame.payload()[1]);
      assertEquals(i % 5 == 0, frame.isKeyframe());
    }
  }

  @Test
  void aConfiguredChunkSizeIsAnnouncedBeforeConnect() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS.withOutboundChunkSize(4096));
    get(client.connect(peer.url("live")));
    assertEquals(4096, peer.await(SetChunkSize.class, c -> true).chunkSize());
    ClientStream stream = get(client.createStream());
    get(stream.publish("cam", "live"));
    byte[] big = new byte[10_000];
    big[0] = 0x17;
    big[9_999] = 7;
    get(stream.sendVideo(0, Unpooled.wrappedBuffer(big)));
    assertArrayEquals(big, peer.await(PeerMedia.class, m -> true).payload());
  }

  @Test
  void streamEofAndOtherUserControlEventsReachTheStream() throws Exception {
    RtmpClient client = connected("live");
    ClientStream stream = get(client.createStream());
    peer.send(new UserControlEvent.StreamEof(stream.streamId()));
    peer.send(new UserControlEvent.StreamIsRecorded(stream.streamId()));
    assertEquals(
        stream.streamId(),
        stream.awaitUserControl(UserControlEvent.StreamIsRecorded.class, WAIT).streamId());
    assertEquals(
        stream.streamId(),
        stream.awaitUserControl(UserControlEvent.StreamEof.class, WAIT).streamId());
  }

  @Test
  void publishWithABadNameFailsWithTheStatus() throws Exception {
    RtmpClient client = connected("live");
    ClientStream stream = get(client.createStream());
    RtmpStatusException error =
        assertInstanceOf(RtmpStatusException.class, failure(stream.publish("bad", "live")));
    assertEquals("NetStream.Publish.BadName", error.code());
    assertEquals(
        "NetStream.Publish.BadName", stream.awaitStatus("NetStream.Publish.BadName", WAIT).code());
  }

  @Test
  void playReceivesStatusDataAndMediaInOrder() throws Exception {
    RtmpClient client = connected("live");
    ClientStream stream = get(client.createStream());
    StatusEvent start = get(stream.play("movie", -2000, -1, true));
    assertEquals("NetStream.Play.Start", start.code());

    Command play = peer.awaitCommand("play");
    assertEquals(1, play.streamId());
    assertEquals(0.0, play.transactionId());
    assertEquals(List.of("movie", -2000.0, -1.0, true), play.arguments());
    UserControlEvent.SetBufferLength buffer =
        peer.await(UserControlEvent.SetBufferLength.class, b -> true);
    assertEquals(1, buffer.streamId());
    assertEquals(1000, buffer.bufferMillis());

    assertEquals(1, stream.awaitUserControl(UserControlEvent.StreamBegin.class, WAIT).streamId());
    assertEquals("NetStream.Play.Reset", client.awaitStatus("NetStream.Play.Reset", WAIT).code());

    ReceivedMedia metadata = stream.awaitMedia(WAIT);
    assertEquals(ReceivedMedia.Kind.DATA, metadata.kind());
    assertEquals("onMetaData", metadata.dataName());
    int index = 0;
    for (long[] frame : ScriptedRtmpPeer.PLAYED_FRAMES) {
      ReceivedMedia media = stream.awaitMedia(WAIT);
      assertEquals(1, media.streamId());
      assertEquals(frame[1], media.timestamp(), "timestamp of frame " + index);
      assertEquals(frame[2], media.payload().length);
      assertEquals(index, media.payload()[media.payload().length - 1]);
      boolean audio = frame[0] == ScriptedRtmpPeer.MessageKinds.AUDIO;
      assertEquals(audio ? ReceivedMedia.Kind.AUDIO : ReceivedMedia.Kind.VIDEO, media.kind());
      assertEquals(frame[0] == ScriptedRtmpPeer.MessageKinds.VIDEO_KEY, media.isKeyframe());
      index++;
    }
    assertEquals(3, stream.audioFrames());
    assertEquals(4, stream.videoFrames());
    assertEquals(9_600, stream.mediaBytes());

    // More than the 1000-byte window arrived: the client acknowledged (section 5.4.3).
    assertTrue(
        peer.await(Acknowledgement.class, a -> true).sequenceNumber() >= ScriptedRtmpPeer.WINDOW);
  }

  @Test
  void mediaListenerSeesFramesOnTheEventLoop() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS.withMediaQueueCapacity(0));
    get(client.connect(peer.url("live")));
    ClientStream stream = get(client.createStream());
    List<Long> timestamps = new ArrayList<>();
    CompletableFuture<Void> lastFrame = new CompletableFuture<>();
    stream.onMedia(
        (s, message) -> {
          timestamps.add(message.timestamp());
          if (timestamps.size() == ScriptedRtmpPeer.PLAYED_FRAMES.size()) {
            lastFrame.complete(null);
          }
        });
    get(stream.play("movie"));
    assertEquals(List.of("movie", -2000.0), peer.awaitCommand("play").arguments());
    get(lastFrame);
    assertEquals(List.of(0L, 0L, 23L, 40L, 46L, 80L, 120L), timestamps);
    assertInstanceOf(IllegalStateException.class, failure(stream.nextMedia()));
  }

  @Test
  void playOfAMissingStreamFails() throws Exception {
    RtmpClient client = connected("live");
    ClientStream stream = get(client.createStream());
    RtmpStatusException error =
        assertInstanceOf(RtmpStatusException.class, failure(stream.play("missing")));
    assertEquals("NetStream.Play.StreamNotFound", error.code());
  }

  @Test
  void pauseAndReceiveFlagsGoOutOnTheStream() throws Exception {
    RtmpClient client = connected("live");
    ClientStream stream = get(client.createStream());
    assertEquals("NetStream.Pause.Notify", get(stream.pause(true, 1500)).code());
    assertEquals(List.of(true, 1500.0), peer.awaitCommand("pause").arguments());
    assertEquals("NetStream.Unpause.Notify", get(stream.pause(false, 1500)).code());
    get(stream.receiveAudio(false));
    get(stream.receiveVideo(true));
    Command audio = peer.awaitCommand("receiveAudio");
    assertEquals(1, audio.streamId());
    assertEquals(List.of(false), audio.arguments());
    assertEquals(List.of(true), peer.awaitCommand("receiveVideo").arguments());
  }

  @Test
  void closeFailsWhatIsPendingAndCompletesTheCloseFuture() throws Exception {
    RtmpClient client = connected("live");
    CompletableFuture<Object> never = client.call("never");
    peer.awaitCommand("never");
    client.close();
    get(client.closeFuture());
    assertInstanceOf(ClosedChannelException.class, failure(never));
    assertFalse(client.isConnected());
    assertInstanceOf(ClosedChannelException.class, failure(client.call("echo")));
  }

  @Test
  void awaitOnAnEventLoopIsRefused() throws Exception {
    RtmpClient client = connected("live");
    CompletableFuture<Throwable> refused = new CompletableFuture<>();
    clientGroup
        .next()
        .execute(
            () -> {
              try {
                client.awaitStatus("x", WAIT);
                refused.complete(null);
              } catch (Exception | Error e) {
                refused.complete(e);
              }
            });
    assertInstanceOf(IllegalStateException.class, get(refused));
  }
}
