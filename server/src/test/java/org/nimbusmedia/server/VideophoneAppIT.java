package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.fallback.FallbackConfig;
import org.nimbusmedia.rtmfp.fallback.FallbackConnector;
import org.nimbusmedia.rtmfp.fallback.FallbackTarget;
import org.nimbusmedia.rtmfp.fallback.Protocol;
import org.nimbusmedia.rtmfp.fallback.ServerConnection;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;

/**
 * The bundled videophone sample end to end: two RTMFP clients connect to it, register their peer
 * IDs with the reg.cgi service on the RTMPT port, one looks the other up over HTTP and calls it
 * with a direct stream, as the VideoPhone sample does; the call flow runs on the client library's
 * connections ({@link ServerConnection}) and direct streams.
 */
class VideophoneAppIT {
  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ServerConnection> connections = new ArrayList<>();

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
    connections.forEach(ServerConnection::close);
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

  /** A library connection over RTMFP to the videophone application as {@code name}. */
  private ServerConnection connect(String name) throws Exception {
    FallbackConnector connector =
        new FallbackConnector(
            group,
            FallbackConfig.DEFAULTS.withOrder(List.of(Protocol.RTMFP)),
            RtmpClientConfig.DEFAULTS,
            RtmfpConfig.defaults(),
            Clock.systemUTC());
    FallbackTarget target =
        new FallbackTarget(
            "127.0.0.1",
            "videophone",
            nimbus.port("rtmfp"),
            nimbus.port("rtmp"),
            nimbus.port("rtmpt"));
    ServerConnection connection = await(connector.connect(target, name));
    connections.add(connection);
    return connection;
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  /** Queues the info object of each server call of {@code method}. */
  private static LinkedBlockingQueue<Map<?, ?>> calls(ServerConnection connection, String method) {
    LinkedBlockingQueue<Map<?, ?>> calls = new LinkedBlockingQueue<>();
    connection.onCall(
        method,
        args -> {
          calls.add((Map<?, ?>) args.get(args.size() - 1));
          return null;
        });
    return calls;
  }

  /**
   * The seed article's call flow with the client library's connections: bob plays alice's listener
   * stream directly and places the call; alice hears his name and peer ID and accepts; each then
   * plays the other's media stream directly. Carol's call is rejected.
   */
  @Test
  void aCallerReachesTheCalleeWhoAcceptsAndMediaGoesBothWaysDirectly() throws Exception {
    ServerConnection alice = connect("alice");
    ServerConnection bob = connect("bob");
    ServerConnection carol = connect("carol");
    LinkedBlockingQueue<Map<?, ?>> incomingCalls = calls(alice, "onIncomingCall");
    LinkedBlockingQueue<Map<?, ?>> accepted = calls(bob, "onCallAccepted");
    LinkedBlockingQueue<Map<?, ?>> rejected = calls(carol, "onCallRejected");
    DirectStreams aliceStreams = alice.directStreams();
    DirectStreams bobStreams = bob.directStreams();
    aliceStreams.publish("listener", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    DirectStreams.Publication aliceMedia =
        aliceStreams.publish("media", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    DirectStreams.Publication bobMedia =
        bobStreams.publish("media", peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);

    String aliceId = (String) ((Map<?, ?>) await(bob.call("lookup", "alice"))).get("identity");
    Session toAlice = await(bob.connectPeer(HexFormat.of().parseHex(aliceId)));
    LinkedBlockingQueue<FlowMessage> fromAlice = new LinkedBlockingQueue<>();
    bobStreams.play(toAlice, "listener", fromAlice::add);
    assertPlayStarts(fromAlice);
    assertEquals(true, await(bob.call("placeCall", "alice")));

    Map<?, ?> incoming = incomingCalls.poll(20, TimeUnit.SECONDS);
    assertEquals("bob", incoming.get("name"));
    String bobId = ByteBufUtil.hexDump(bob.peerId());
    assertEquals(bobId, incoming.get("peerId"));
    assertEquals(true, await(alice.call("answerCall", "bob", true)));
    assertEquals(aliceId, accepted.poll(20, TimeUnit.SECONDS).get("peerId"));

    Session toBob = await(alice.connectPeer(HexFormat.of().parseHex(bobId)));
    LinkedBlockingQueue<FlowMessage> fromBob = new LinkedBlockingQueue<>();
    aliceStreams.play(toBob, "media", fromBob::add);
    LinkedBlockingQueue<FlowMessage> aliceVideo = new LinkedBlockingQueue<>();
    bobStreams.play(toAlice, "media", aliceVideo::add);
    assertPlayStarts(fromBob);
    assertPlayStarts(aliceVideo);
    FlowMessage frame = new FlowMessage(MessageType.VIDEO, 0, new byte[] {0x17, 1, 0, 0, 0, 7});
    bobMedia.send(frame);
    aliceMedia.send(frame);
    assertEquals(frame, nextVideo(fromBob));
    assertEquals(frame, nextVideo(aliceVideo));

    assertEquals(true, await(carol.call("placeCall", "alice")));
    assertEquals("carol", incomingCalls.poll(20, TimeUnit.SECONDS).get("name"));
    assertEquals(true, await(alice.call("answerCall", "carol", false)));
    assertEquals("alice", rejected.poll(20, TimeUnit.SECONDS).get("name"));
    assertEquals(false, await(alice.call("answerCall", "carol", true)), "answered already");
  }

  /** A direct play is answered as Flash Player answers it: Play.Reset, then Play.Start. */
  private static void assertPlayStarts(LinkedBlockingQueue<FlowMessage> messages)
      throws InterruptedException {
    assertEquals("NetStream.Play.Reset", statusCode(messages.poll(20, TimeUnit.SECONDS)));
    assertEquals("NetStream.Play.Start", statusCode(messages.poll(20, TimeUnit.SECONDS)));
  }

  /** The next video message, past the data messages ({@code |RtmpSampleAccess}). */
  private static FlowMessage nextVideo(LinkedBlockingQueue<FlowMessage> messages)
      throws InterruptedException {
    while (true) {
      FlowMessage message = messages.poll(20, TimeUnit.SECONDS);
      assertNotNull(message, "no video within 20 s");
      if (message.type() == MessageType.VIDEO) {
        return message;
      }
    }
  }

  private static String statusCode(FlowMessage message) {
    Command status = new FlowCommands(AmfLimits.DEFAULT).decode(message, 1);
    return (String) ((Map<?, ?>) status.argument(0)).get("code");
  }
}
