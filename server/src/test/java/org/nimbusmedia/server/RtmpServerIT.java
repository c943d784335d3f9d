package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.RawRtmpSocket;
import org.nimbusmedia.server.testing.TestClients;

/** The RTMP server end to end with our Java client: FMS 4's replies, live streaming, isolation. */
class RtmpServerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path apps;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() {
    nimbus = EmbeddedNimbus.startRtmp(apps, "live");
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
  }

  private RtmpClient client(RtmpClientConfig config) {
    return clients.create(config);
  }

  private RtmpClient connected(String app) throws Exception {
    return clients.connect(nimbus.rtmpUri(app));
  }

  private ClientStream publisher(String name) throws Exception {
    ClientStream stream = connected("live").createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    stream.publish(name, "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return stream;
  }

  private ClientStream player(String name) throws Exception {
    ClientStream stream = connected("live").createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    stream.play(name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return stream;
  }

  // FLV tag bodies (FLV spec E.4.2, E.4.3): first byte frame type/codec or sound format.
  private static void avcConfig(ClientStream s, long ts) {
    s.sendVideo(ts, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f}));
  }

  private static void keyframe(ClientStream s, long ts) {
    s.sendVideo(ts, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 0x65, (byte) ts}));
  }

  private static void interframe(ClientStream s, long ts) {
    s.sendVideo(ts, Unpooled.wrappedBuffer(new byte[] {0x27, 1, 0, 0, 0, 0x41, (byte) ts}));
  }

  private static void aacConfig(ClientStream s, long ts) {
    s.sendAudio(ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10}));
  }

  private static void aac(ClientStream s, long ts) {
    s.sendAudio(ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 0x21, (byte) ts}));
  }

  /**
   * The next audio, video or stream data message, past the data messages FMS sends at the start of
   * every play ({@code |RtmpSampleAccess} and {@code onStatus NetStream.Data.Start}).
   */
  private static ReceivedMedia next(ClientStream s) throws Exception {
    return s.awaitMedia(
        m -> !m.dataName().equals("|RtmpSampleAccess") && !m.dataName().equals("onStatus"), WAIT);
  }

  @Test
  void connectAnswersAsFms4() throws Exception {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS.withObjectEncoding(ObjectEncoding.AMF3));

    Map<String, Object> info = client.connect(nimbus.rtmpUri("live")).get(20, TimeUnit.SECONDS);

    assertEquals("NetConnection.Connect.Success", info.get("code"));
    assertEquals("status", info.get("level"));
    assertEquals(3.0, info.get("objectEncoding"));
    assertEquals("FMS/4,5,0,297", client.serverProperties().get("fmsVer"));
    assertEquals(255.0, client.serverProperties().get("capabilities"));
    assertEquals(1.0, client.serverProperties().get("mode"));
  }

  @Test
  void unknownApplicationIsRejected() {
    RtmpClient client = client(RtmpClientConfig.DEFAULTS);

    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> client.connect(nimbus.rtmpUri("nosuchapp")).get(20, TimeUnit.SECONDS));

    RtmpStatusException rejected = assertInstanceOf(RtmpStatusException.class, failure.getCause());
    assertEquals("NetConnection.Connect.Rejected", rejected.code());
    assertTrue(rejected.description().contains("nosuchapp"), rejected.description());
  }

  @Test
  void unknownCallFailsWithCallFailed() throws Exception {
    RtmpClient client = connected("live/room1");

    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> client.call("noSuchMethod", 1.0).get(20, TimeUnit.SECONDS));

    RtmpStatusException failed = assertInstanceOf(RtmpStatusException.class, failure.getCause());
    assertEquals("NetConnection.Call.Failed", failed.code());
    assertEquals("Method not found (noSuchMethod).", failed.description());
  }

  @Test
  void fcPublishGetsOnFcPublishAsTheFmsLiveAppSends() throws Exception {
    RtmpClient client = connected("live");

    client.call("FCPublish", "cam").get(20, TimeUnit.SECONDS);

    var onFcPublish = client.awaitCommand("onFCPublish", WAIT);
    Map<?, ?> info = (Map<?, ?>) onFcPublish.argument(0);
    assertEquals("NetStream.Publish.Start", info.get("code"));
    assertEquals("cam", info.get("description"));
  }

  @Test
  void playerGetsMetadataHeadersAndFramesInOrderOnItsStreamId() throws Exception {
    ClientStream out = publisher("cam");
    ClientStream in = player("cam");

    out.sendData(0, "@setDataFrame", "onMetaData", AmfEcmaArray.of("width", 320.0));
    avcConfig(out, 0);
    aacConfig(out, 0);
    keyframe(out, 0);
    aac(out, 23);
    interframe(out, 40);

    List<ReceivedMedia> received = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      received.add(next(in));
    }
    for (ReceivedMedia media : received) {
      assertEquals(in.streamId(), media.streamId(), "media on the createStream id, never 0");
    }
    assertEquals("onMetaData", received.get(0).dataName());
    assertEquals(320.0, ((Map<?, ?>) received.get(0).values().get(1)).get("width"));
    assertEquals(ReceivedMedia.Kind.VIDEO, received.get(1).kind());
    assertEquals(ReceivedMedia.Kind.AUDIO, received.get(2).kind());
    assertTrue(received.get(3).isKeyframe());
    assertEquals(
        List.of(0L, 23L, 40L),
        received.subList(3, 6).stream().map(ReceivedMedia::timestamp).toList());
  }

  @Test
  void lateJoinerStartsAtTheLastKeyframeWithTimestampsFromZero() throws Exception {
    ClientStream out = publisher("cam");
    avcConfig(out, 0);
    keyframe(out, 0);
    interframe(out, 40);
    keyframe(out, 5000);
    interframe(out, 5040);
    // A first player proves the frames above went through the server before the late one joins.
    ClientStream early = player("cam");
    interframe(out, 5080);
    early.awaitMedia(m -> m.timestamp() == 80 && m.kind() == ReceivedMedia.Kind.VIDEO, WAIT);

    ClientStream late = player("cam");

    ReceivedMedia config = next(late);
    ReceivedMedia first = next(late);
    ReceivedMedia second = next(late);
    assertEquals(0x00, config.payload()[1], "AVC sequence header first");
    assertTrue(first.isKeyframe(), "video starts at once, at the last keyframe");
    assertEquals(0, first.timestamp());
    assertEquals(40, second.timestamp());
  }

  @Test
  void secondPublisherOfALiveNameGetsBadName() throws Exception {
    publisher("cam");
    ClientStream second = connected("live").createStream().get(20, TimeUnit.SECONDS);

    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> second.publish("cam", "live").get(20, TimeUnit.SECONDS));

    RtmpStatusException badName = assertInstanceOf(RtmpStatusException.class, failure.getCause());
    assertEquals("NetStream.Publish.BadName", badName.code());
  }

  @Test
  void playersStayThroughUnpublishAndRepublishAndTheNameIsFreeAtOnce() throws Exception {
    ClientStream first = publisher("cam");
    ClientStream in = player("cam");

    first.client().close();
    in.awaitStatus("NetStream.Play.UnpublishNotify", WAIT);
    ClientStream second = publisher("cam"); // no BadName: the name is free the moment it leaves
    in.awaitStatus("NetStream.Play.PublishNotify", WAIT);
    keyframe(second, 100);

    ReceivedMedia frame = next(in);
    assertTrue(frame.isKeyframe());
  }

  @Test
  void unpublishedPlayerWaitsForThePublisher() throws Exception {
    ClientStream in = player("later");
    ClientStream out = publisher("later");

    in.awaitStatus("NetStream.Play.PublishNotify", WAIT);
    keyframe(out, 7);
    assertTrue(next(in).isKeyframe());
  }

  private void awaitSubscribers(String stream, int count) throws InterruptedException {
    nimbus.awaitSubscribers("live", stream, count);
  }

  @Test
  void aPlayerThatStopsReadingSlowsNoOneElse() throws Exception {
    ClientStream out = publisher("cam");
    ClientStream fast = player("cam");
    try (RawRtmpSocket stalled = new RawRtmpSocket(nimbus.rtmpPort(), 4096)) {
      stalled.handshake();
      stalled.sendCommand(0, "connect", 1.0, AmfObject.of("app", "live", "tcUrl", "rtmp://x/live"));
      stalled.sendCommand(0, "createStream", 2.0, null);
      stalled.sendCommand(1, "play", 0.0, null, "cam"); // stream 1: the first createStream id
      // ... and never reads another byte.
      awaitSubscribers("cam", 2);

      int frames = 400;
      byte[] body = new byte[20_000]; // 8 MB of video in all, far beyond any socket buffer
      for (int i = 0; i < frames; i++) {
        body[0] = (byte) (i % 25 == 0 ? 0x17 : 0x27); // a keyframe every 25 frames
        body[1] = 1;
        out.sendVideo(i * 40L, Unpooled.wrappedBuffer(body.clone()));
      }

      long expected = 0;
      for (int i = 0; i < frames; i++) {
        ReceivedMedia frame = next(fast);
        assertEquals(expected, frame.timestamp(), "the fast player gets every frame, in order");
        expected += 40;
      }
      assertTrue(out.client().isConnected(), "the publisher was never held up");
    }
  }

  @Test
  void receiveVideoFalseStopsVideoAndAudioKeepsFlowing() throws Exception {
    ClientStream out = publisher("cam");
    ClientStream in = player("cam");
    in.receiveVideo(false).get(20, TimeUnit.SECONDS);
    // The player's command and the publisher's frames travel on different connections. The
    // server handles a connection's commands in order, so the answer to a later call (here
    // _error: the live app has no such method) proves receiveVideo(false) took effect.
    CompletableFuture<Object> roundTrip = in.client().call("noSuchMethod");
    assertThrows(ExecutionException.class, () -> roundTrip.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    aac(out, 1);
    in.awaitMedia(m -> m.kind() == ReceivedMedia.Kind.AUDIO, WAIT);

    keyframe(out, 10);
    aac(out, 20);

    ReceivedMedia after = next(in);
    assertEquals(ReceivedMedia.Kind.AUDIO, after.kind());
    assertEquals(19, after.timestamp(), "audio at 20 ms, 19 ms after the first audio frame");
  }
}
