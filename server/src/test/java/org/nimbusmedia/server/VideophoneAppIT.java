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
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.session.Session;
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
}
