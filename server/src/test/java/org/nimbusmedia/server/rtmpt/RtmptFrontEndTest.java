package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.ClientSession;
import org.nimbusmedia.server.config.LimitsConfig;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.RtmptConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TunnelRtmpClient;

/**
 * The RTMPT front end in an embedded server, driven over real HTTP on loopback ({@code
 * reference/fms4.md} section 3) and by a small RTMP client through the tunnel.
 */
class RtmptFrontEndTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() {
    nimbus = EmbeddedNimbus.start(work.resolve("apps"), EmbeddedNimbus::withRtmpt, "live");
  }

  @AfterEach
  void stop() {
    nimbus.close();
  }

  private HttpResponse<byte[]> request(String method, String path, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nimbus.port("rtmpt") + path))
            .timeout(LIMIT)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> post(String path, byte[] body)
      throws IOException, InterruptedException {
    return request("POST", path, body);
  }

  @Test
  void ident2IsAnsweredAsFmsWithHttpIdent2DisabledAnEmptyString() throws Exception {
    HttpResponse<byte[]> reply = post("/fcs/ident2", new byte[1]);

    assertEquals(200, reply.statusCode());
    assertEquals("application/x-fcs", reply.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(new byte[0], reply.body());
  }

  @Test
  void ident2AnswersTheConfiguredAddress() throws Exception {
    nimbus.close();
    nimbus =
        EmbeddedNimbus.start(
            work.resolve("apps"),
            config ->
                EmbeddedNimbus.withRtmpt(config)
                    .withRtmpt(new RtmptConfig(null, null, null, null, "192.0.2.7")),
            "live");

    HttpResponse<byte[]> reply = post("/fcs/ident2", new byte[1]);

    assertEquals(200, reply.statusCode());
    assertEquals("192.0.2.7", new String(reply.body(), StandardCharsets.US_ASCII));
  }

  @Test
  void otherRequestsGetAPlain404() throws Exception {
    assertEquals(404, request("GET", "/", new byte[0]).statusCode());
    assertEquals(404, request("GET", "/open/1", new byte[0]).statusCode());
    assertEquals(404, post("/index.html", new byte[1]).statusCode());
    assertEquals(404, post("/send/nosuchsession/0", new byte[1]).statusCode());
    assertEquals(404, post("/idle/" + "a".repeat(40) + "/0", new byte[1]).statusCode());
  }

  @Test
  void openAnswersASessionIdAndCloseEndsIt() throws Exception {
    HttpResponse<byte[]> open = post("/open/1", new byte[1]);
    assertEquals(200, open.statusCode());
    String body = new String(open.body(), StandardCharsets.US_ASCII);
    assertTrue(body.matches("[a-z0-9]{16}\n"), body);
    String id = body.trim();

    HttpResponse<byte[]> idle = post("/idle/" + id + "/0", new byte[1]);
    assertEquals(200, idle.statusCode());
    assertEquals(1, idle.body().length, "only the polling byte: nothing to send yet");

    HttpResponse<byte[]> close = post("/close/" + id + "/1", new byte[1]);
    assertArrayEquals(new byte[] {0x00}, close.body());
    assertEquals(404, post("/idle/" + id + "/2", new byte[1]).statusCode());
  }

  @Test
  void openBeyondTheConnectionLimitIsRefusedWith503() throws Exception {
    nimbus.close();
    nimbus =
        EmbeddedNimbus.start(
            work.resolve("apps"),
            config ->
                config
                    .withServer(
                        new ServerConfig(
                            config
                                .server()
                                .listeners()
                                .withRtmpt(new ListenerConfig(true, "127.0.0.1", 0)),
                            config.server().shutdownTimeout()))
                    .withLimits(new LimitsConfig(1, null, null, null, null, null, null, null)),
            "live");

    assertEquals(200, post("/open/1", new byte[1]).statusCode());
    assertEquals(503, post("/open/1", new byte[1]).statusCode());
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() throws Exception {
    String id = new String(post("/open/1", new byte[1]).body(), StandardCharsets.US_ASCII).trim();

    HttpResponse<byte[]> reply =
        post("/send/" + id + "/0", new byte[RtmptSettings.DEFAULTS.maxRequestBody() + 1]);

    assertEquals(413, reply.statusCode());
  }

  @Test
  void theHandshakeAndConnectRunThroughTheTunnelAsRtmpt() throws Exception {
    try (TunnelRtmpClient client = TunnelRtmpClient.tunnel(nimbus.port("rtmpt"))) {
      Command answer = client.connect("live", "rtmpt://127.0.0.1/live");

      assertEquals("_result", answer.name());
      assertEquals("NetConnection.Connect.Success", ((AmfObject) answer.argument(0)).get("code"));
      List<ClientSession> clients =
          List.copyOf(
              nimbus
                  .server()
                  .applications()
                  .instance(new AppAddress("live", AppAddress.DEFAULT_INSTANCE))
                  .orElseThrow()
                  .clients());
      assertEquals(1, clients.size());
      assertEquals("rtmpt", clients.get(0).protocol());
      assertEquals("127.0.0.1", clients.get(0).ip());
    }
  }

  @Test
  void aStreamPublishedOverRtmpPlaysOverRtmptAndTheReverse() throws Exception {
    relay(TunnelRtmpClient.tcp(nimbus.rtmpPort()), TunnelRtmpClient.tunnel(nimbus.port("rtmpt")));
    relay(TunnelRtmpClient.tunnel(nimbus.port("rtmpt")), TunnelRtmpClient.tcp(nimbus.rtmpPort()));
  }

  private void relay(TunnelRtmpClient publisher, TunnelRtmpClient player) throws Exception {
    try (publisher;
        player) {
      String name = "relay" + System.nanoTime();
      assertEquals("_result", publisher.connect("live", "rtmp://127.0.0.1/live").name());
      int publishing = publisher.createStream();
      assertEquals(
          "NetStream.Publish.Start", publisher.streamCommand(publishing, "publish", name, "live"));
      assertEquals("_result", player.connect("live", "rtmp://127.0.0.1/live").name());
      int playing = player.createStream();
      assertEquals("NetStream.Play.Start", player.streamCommand(playing, "play", name));

      byte[] frame = new byte[3000];
      frame[0] = 0x17; // AVC keyframe (FLV video tag header)
      frame[1] = 0x01;
      for (int i = 5; i < frame.length; i++) {
        frame[i] = (byte) i;
      }
      publisher.write(new VideoMessage(publishing, 40, Unpooled.wrappedBuffer(frame)));
      publisher.exchange();

      VideoMessage received =
          assertInstanceOf(VideoMessage.class, player.await(m -> m instanceof VideoMessage, LIMIT));
      try {
        assertArrayEquals(frame, ByteBufUtil.getBytes(received.content()));
      } finally {
        received.release();
      }
    }
  }
}
