package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;

/**
 * The bundled videophone sample end to end: two RTMFP clients connect to it, register their peer
 * IDs with the reg.cgi service on the RTMPT port, one looks the other up over HTTP and calls it
 * with a direct stream, as the VideoPhone sample does.
 */
class VideophoneAppIT {
  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("videophone"));
    Files.copy(
        Path.of("..", "apps", "videophone", "main.asc"), apps.resolve("videophone/main.asc"));
    nimbus =
        EmbeddedNimbus.startRtmpAndRtmfp(
            apps,
            config ->
                config.withServer(
                    new ServerConfig(
                        config
                            .server()
                            .listeners()
                            .withRtmpt(new ListenerConfig(true, "127.0.0.1", 0)),
                        config.server().shutdownTimeout())));
  }

  @AfterEach
  void stop() {
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private String reg(String query) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + nimbus.port("rtmpt")
                            + "/videophone/reg.cgi?"
                            + query))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void peersRegisterOverHttpLookEachOtherUpAndCallDirectly() throws Exception {
    try (FlashPeer alice = new FlashPeer(group);
        FlashPeer bob = new FlashPeer(group)) {
      alice.connect(nimbus.rtmfpAddress(), "videophone", "alice");
      bob.connect(nimbus.rtmfpAddress(), "videophone", "bob");
      String aliceId = ByteBufUtil.hexDump(alice.client().peerId());

      assertTrue(reg("username=alice&identity=" + aliceId).contains("<update>true</update>"));
      assertEquals(
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<result><friend><user>alice</user>"
              + "<identity>"
              + aliceId
              + "</identity></friend></result>\n",
          reg("friends=alice&time=" + System.nanoTime()));
      assertEquals(
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<result><friend><user>&lt;carol&gt;</user>"
              + "</friend></result>\n",
          reg("friends=" + encode("<carol>")));
      assertTrue(reg("username=alice&identity=nonsense").contains("<update>false</update>"));

      // Bob calls alice: he subscribes to her listener stream, directly.
      String found = reg("friends=alice").replaceAll("(?s).*<identity>(\\w+)</identity>.*", "$1");
      new DirectStreams(alice.client())
          .publish("listener", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
      Session call =
          bob.client()
              .connectPeer(nimbus.rtmfpAddress(), HexFormat.of().parseHex(found))
              .get(20, TimeUnit.SECONDS);
      LinkedBlockingQueue<FlowMessage> received = new LinkedBlockingQueue<>();
      new DirectStreams(bob.client()).play(call, "listener", received::add);
      FlowMessage status = received.poll(20, TimeUnit.SECONDS);
      assertEquals(MessageType.COMMAND_AMF0, status.type());

      assertTrue(reg("username=alice&identity=0").contains("<update>true</update>"));
      assertTrue(!reg("friends=alice").contains("<identity>"), "unregistered");
    }
  }

  @Test
  void theScriptLooksUpPeerIdsAndRelaysNoStreams() throws Exception {
    try (FlashPeer alice = new FlashPeer(group);
        FlashPeer bob = new FlashPeer(group)) {
      alice.connect(nimbus.rtmfpAddress(), "videophone", "alice");
      bob.connect(nimbus.rtmfpAddress(), "videophone", "bob");

      Map<?, ?> found = (Map<?, ?>) bob.call("lookup", "alice").argument(0);
      assertEquals(ByteBufUtil.hexDump(alice.client().peerId()), found.get("identity"));

      int stream = alice.client().createStream().get(20, TimeUnit.SECONDS);
      alice.client().publish(stream, "cam");
      Map<?, ?> refused = alice.awaitStatus("NetStream.Publish.BadName");
      assertTrue(((String) refused.get("description")).contains("Access denied"));
    }
  }

  /**
   * The seed article's call flow: bob plays alice's listener stream directly and places the call;
   * alice hears his name and peer ID and accepts; each then plays the other's media stream
   * directly. Carol's call is rejected.
   */
  @Test
  void aCallerReachesTheCalleeWhoAcceptsAndMediaGoesBothWaysDirectly() throws Exception {
    try (FlashPeer alice = new FlashPeer(group);
        FlashPeer bob = new FlashPeer(group);
        FlashPeer carol = new FlashPeer(group)) {
      alice.connect(nimbus.rtmfpAddress(), "videophone", "alice");
      bob.connect(nimbus.rtmfpAddress(), "videophone", "bob");
      carol.connect(nimbus.rtmfpAddress(), "videophone", "carol");
      DirectStreams aliceStreams = new DirectStreams(alice.client());
      DirectStreams bobStreams = new DirectStreams(bob.client());
      aliceStreams.publish("listener", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
      DirectStreams.Publication aliceMedia =
          aliceStreams.publish("media", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
      DirectStreams.Publication bobMedia =
          bobStreams.publish("media", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);

      String aliceId =
          (String) ((Map<?, ?>) bob.call("lookup", "alice").argument(0)).get("identity");
      Session toAlice =
          bob.client()
              .connectPeer(nimbus.rtmfpAddress(), HexFormat.of().parseHex(aliceId))
              .get(20, TimeUnit.SECONDS);
      LinkedBlockingQueue<FlowMessage> fromAlice = new LinkedBlockingQueue<>();
      bobStreams.play(toAlice, "listener", fromAlice::add);
      assertPlayStarts(fromAlice);
      assertEquals(true, bob.call("placeCall", "alice").argument(0));

      Map<?, ?> incoming = (Map<?, ?>) alice.awaitCommand("onIncomingCall").argument(0);
      assertEquals("bob", incoming.get("name"));
      String bobId = ByteBufUtil.hexDump(bob.client().peerId());
      assertEquals(bobId, incoming.get("peerId"));
      assertEquals(true, alice.call("answerCall", "bob", true).argument(0));
      Map<?, ?> accepted = (Map<?, ?>) bob.awaitCommand("onCallAccepted").argument(0);
      assertEquals(aliceId, accepted.get("peerId"));

      Session toBob =
          alice
              .client()
              .connectPeer(nimbus.rtmfpAddress(), HexFormat.of().parseHex(bobId))
              .get(20, TimeUnit.SECONDS);
      LinkedBlockingQueue<FlowMessage> fromBob = new LinkedBlockingQueue<>();
      aliceStreams.play(toBob, "media", fromBob::add);
      LinkedBlockingQueue<FlowMessage> aliceVideo = new LinkedBlockingQueue<>();
      bobStreams.play(toAlice, "media", aliceVideo::add);
      assertPlayStarts(fromBob);
      assertPlayStarts(aliceVideo);
      FlowMessage frame = new FlowMessage(MessageType.VIDEO, 0, new byte[] {0x17, 1, 0, 0, 0, 7});
      bobMedia.send(frame);
      aliceMedia.send(frame);
      assertEquals(frame, nextMedia(fromBob));
      assertEquals(frame, nextMedia(aliceVideo));

      assertEquals(true, carol.call("placeCall", "alice").argument(0));
      assertEquals(
          "carol", ((Map<?, ?>) alice.awaitCommand("onIncomingCall").argument(0)).get("name"));
      assertEquals(true, alice.call("answerCall", "carol", false).argument(0));
      carol.awaitCommand("onCallRejected");
      assertEquals(false, alice.call("answerCall", "carol", true).argument(0), "answered already");
    }
  }

  /** Flash's direct publisher answers a play with Play.Reset, then Play.Start. */
  private static void assertPlayStarts(LinkedBlockingQueue<FlowMessage> statuses)
      throws InterruptedException {
    assertEquals("NetStream.Play.Reset", statusCode(statuses.poll(20, TimeUnit.SECONDS)));
    assertEquals("NetStream.Play.Start", statusCode(statuses.poll(20, TimeUnit.SECONDS)));
  }

  /**
   * The next audio or video message, past the data messages (|RtmpSampleAccess) a play starts with.
   */
  private static FlowMessage nextMedia(LinkedBlockingQueue<FlowMessage> messages)
      throws InterruptedException {
    FlowMessage message;
    do {
      message = messages.poll(20, TimeUnit.SECONDS);
    } while (message != null
        && (message.type() == MessageType.DATA_AMF0 || message.type() == MessageType.DATA_AMF3));
    return message;
  }

  private static String statusCode(FlowMessage message) {
    Command status = new FlowCommands(AmfLimits.DEFAULT).decode(message, 1);
    return (String) ((Map<?, ?>) status.argument(0)).get("code");
  }
}
