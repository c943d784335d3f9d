package org.nimbusmedia.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.server.config.AdminConfig;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.testing.AdminHttp;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.TestClients;
import org.nimbusmedia.server.testing.TunnelRtmpClient;
import org.w3c.dom.Document;

/**
 * The admin port of a running server with known clients and streams: every admin method's data, the
 * FMS answer shape in JSON and XML, logins (HTTP Basic, {@code auser}/{@code apswd}, refusals,
 * lockout), {@code /health} and {@code /metrics} ({@code reference/fms4.md} section 5).
 */
class AdminApiIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String USER = "ops";
  private static final String PASSWORD = "correct horse";

  @TempDir Path apps;
  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @AfterEach
  void stop() {
    clients.close();
    if (nimbus != null) {
      nimbus.close();
    }
  }

  /** A server with the admin port on loopback, one admin user and FMS's default login limits. */
  private AdminHttp start() throws Exception {
    Files.createDirectories(apps.resolve("chat"));
    Files.writeString(
        apps.resolve("chat").resolve("main.asc"),
        """
        application.onAppStart = function() { trace("chat started"); };
        Client.prototype.version = function() { return 1; };
        """);
    // Cost 4: the lowest bcrypt allows, so that the many logins of this test stay quick.
    String hash =
        OpenBSDBCrypt.generate(
            "2y", PASSWORD.toCharArray(), "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4);
    nimbus =
        EmbeddedNimbus.start(
            apps,
            config ->
                config
                    .withServer(
                        new ServerConfig(
                            config
                                .server()
                                .listeners()
                                .withAdmin(new ListenerConfig(true, "127.0.0.1", 0))
                                .withRtmpt(new ListenerConfig(true, "127.0.0.1", 0)),
                            config.server().shutdownTimeout()))
                    .withAdmin(new AdminConfig(Map.of(USER, hash), 3, Duration.ofSeconds(30))),
            "live");
    return new AdminHttp(nimbus.port("admin"));
  }

  private RtmpClient connect(String path) throws Exception {
    return clients.connect(nimbus.rtmpUri(path));
  }

  private ClientStream stream(RtmpClient client) throws Exception {
    return client.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void sendFrames(ClientStream publisher) {
    // FLV tag bodies (FLV spec E.4.2, E.4.3): AVC sequence header, keyframes, AAC frames. A
    // player's timestamps start at its first keyframe (40): the last video frame reaches it at 80.
    publisher.sendVideo(0, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0}));
    for (int i = 1; i <= 3; i++) {
      publisher.sendVideo(i * 40L, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 0x65}));
      publisher.sendAudio(i * 40L, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 0x21}));
    }
  }

  /** A publisher of live/room1 "cam", a player of it, and a chat client with a shared object. */
  private record Scene(
      RtmpClient publisherClient,
      RtmpClient playerClient,
      RtmpClient chatClient,
      ClientStream player) {}

  private Scene scene() throws Exception {
    RtmpClient publisherClient = connect("live/room1");
    ClientStream publisher = stream(publisherClient);
    publisher.publish("cam", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    RtmpClient playerClient = connect("live/room1");
    ClientStream player = stream(playerClient);
    player.play("cam").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    sendFrames(publisher);
    player.awaitMedia(
        media -> media.kind() == ReceivedMedia.Kind.VIDEO && media.timestamp() == 80, WAIT);
    RtmpClient chatClient = connect("chat");
    ClientSharedObject roster = chatClient.sharedObject("roster", false);
    roster.connect();
    roster.awaitConnected(WAIT);
    roster.setProperty("alice", "here").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    // The writer's own change comes back as Success (fms4.md section 2), not as a Change.
    roster.awaitEvent(event -> event instanceof SharedObjectEvent.Success, WAIT);
    return new Scene(publisherClient, playerClient, chatClient, player);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void everyMethodAnswersWithTheRunningServersClientsStreamsAndObjects() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);
    scene();

    JsonNode ping = admin.call("ping", "");
    assertEquals("NetConnection.Call.Success", ping.get("code").asText());
    assertEquals("status", ping.get("level").asText());
    assertNotNull(Instant.parse(ping.get("timestamp").asText()));

    assertEquals(List.of("chat", "live"), texts(admin.call("getApps", "").get("data")));
    assertEquals(
        List.of("chat/_definst_", "live/room1"),
        texts(admin.call("getActiveInstances", "").get("data")));
    assertEquals(
        List.of("live/room1"), texts(admin.call("getActiveInstances", "app=live").get("data")));

    JsonNode app = admin.call("getAppStats", "app=live").get("data");
    assertEquals(2, app.get("connected").asInt());
    assertEquals(2, app.get("accepted").asInt());
    assertEquals(0, app.get("rejected").asInt());
    assertEquals(1, app.get("active_instances").asInt());
    assertEquals(1, app.get("live_streams").asInt());

    JsonNode instance = admin.call("getInstanceStats", "appInst=live/room1").get("data");
    assertEquals("live/room1", instance.get("name").asText());
    assertEquals(2, instance.get("connected").asInt());
    assertEquals(1, instance.get("live_streams").asInt());

    List<String> users = texts(admin.call("getUsers", "appInst=live/room1").get("data"));
    assertEquals(2, users.size());
    String publisherId = users.get(0);
    String playerId = users.get(1);

    JsonNode publisherStats =
        admin.call("getUserStats", "appInst=live/room1&userId=" + publisherId).get("data");
    assertEquals("rtmp", publisherStats.get("protocol").asText());
    assertEquals("127.0.0.1", publisherStats.get("ip").asText());
    assertEquals(nimbus.rtmpUri("live/room1").toString(), publisherStats.get("uri").asText());
    // connect, createStream, publish, then 1 sequence header + 3 video + 3 audio frames at least.
    assertTrue(publisherStats.get("msg_in").asLong() >= 10, publisherStats.toString());
    assertTrue(publisherStats.get("bytes_in").asLong() > 6 * 3, publisherStats.toString());
    assertEquals(List.of("1"), texts(publisherStats.get("stream_ids")));
    JsonNode playerStats =
        admin.call("getUserStats", "appInst=live/room1&userId=" + playerId).get("data");
    assertTrue(playerStats.get("bytes_out").asLong() > publisherStats.get("bytes_out").asLong());

    assertEquals(
        List.of("cam"), texts(admin.call("getLiveStreams", "appInst=live/room1").get("data")));
    JsonNode cam = admin.call("getLiveStreamStats", "appInst=live/room1&stream=cam").get("data");
    assertEquals(publisherId, cam.get("publisher").get("client").asText());
    assertEquals("publishing", cam.get("publisher").get("type").asText());
    assertEquals(1, cam.get("subscribers").size());
    assertEquals(playerId, cam.get("subscribers").get(0).get("client").asText());
    assertEquals(7, cam.get("frames_published").asInt());

    JsonNode netStreams = admin.call("getNetStreams", "appInst=live/room1").get("data");
    assertEquals(2, netStreams.size());
    assertEquals("publishing", netStreams.get(0).get("type").asText());
    assertEquals("playing", netStreams.get(1).get("type").asText());
    assertEquals("cam", netStreams.get(1).get("name").asText());

    JsonNode objects = admin.call("getSharedObjects", "appInst=chat").get("data");
    assertEquals(List.of("roster"), texts(objects.get("nonpersistent")));
    assertEquals(List.of(), texts(objects.get("persistent")));
    JsonNode roster =
        admin.call("getSharedObjectStats", "appInst=chat&so=roster&persistent=false").get("data");
    assertEquals(1, roster.get("subscribers").asInt());
    assertEquals(1, roster.get("properties").asInt());
    assertTrue(roster.get("version").asLong() >= 1);

    JsonNode script = admin.call("getScriptStats", "appInst=chat").get("data");
    // The main script, onAppStart and the chat client's onConnect at least.
    assertTrue(script.get("total_processed").asLong() >= 3, script.toString());
    assertEquals(0, script.get("total_errors").asLong());

    JsonNode server = admin.call("getServerStats", "").get("data");
    assertEquals(3, server.get("io").get("connected").asInt());
    assertEquals(3, server.get("io").get("total_connects").asInt());
    assertTrue(server.get("io").get("msg_in").asLong() >= 10);
    assertTrue(server.get("num_cores").asInt() >= 1);
  }

  @Test
  void disconnectUserClosesThatClientsConnectionOnly() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);
    RtmpClient first = connect("live");
    RtmpClient second = connect("live");
    List<String> users = texts(admin.call("getUsers", "appInst=live").get("data"));
    assertEquals(2, users.size());

    JsonNode answer = admin.call("disconnectUser", "appInst=live&userId=" + users.get(0));

    assertEquals("NetConnection.Call.Success", answer.get("code").asText());
    first.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(second.isConnected());
    assertEquals(List.of(users.get(1)), texts(admin.call("getUsers", "appInst=live").get("data")));
  }

  @Test
  void reloadAppLoadsTheChangedScriptInAFreshInstance() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);
    RtmpClient before = connect("chat");
    assertEquals(1.0, before.call("version").get(WAIT.toSeconds(), TimeUnit.SECONDS));
    Files.writeString(
        apps.resolve("chat").resolve("main.asc"),
        "Client.prototype.version = function() { return 2; };\n");

    JsonNode answer = admin.call("reloadApp", "appInst=chat");

    assertEquals(List.of("chat/_definst_"), texts(answer.get("data")));
    // Reloading unloads the old instance, which disconnects its clients (onAppStop ran).
    before.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(
        List.of("chat/_definst_"), texts(admin.call("getActiveInstances", "").get("data")));
    JsonNode stats = admin.call("getAppStats", "app=chat").get("data");
    assertEquals(2, stats.get("total_instances_loaded").asInt());
    assertEquals(1, stats.get("total_instances_unloaded").asInt());
    RtmpClient after = connect("chat");
    assertEquals(2.0, after.call("version").get(WAIT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void unloadAppUnloadsTheInstanceAndDisconnectsItsClients() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);
    RtmpClient client = connect("live/room2");
    connect("live/room3");

    JsonNode answer = admin.call("unloadApp", "appInst=live/room2");

    assertEquals(List.of("live/room2"), texts(answer.get("data")));
    client.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(
        List.of("live/room3"), texts(admin.call("getActiveInstances", "app=live").get("data")));
    HttpResponse<String> gone = admin.get("/admin/getInstanceStats?appInst=live/room2");
    assertEquals(404, gone.statusCode());
  }

  @Test
  void badCallsAnswerWithFmsErrorCodes() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);

    HttpResponse<String> unknown = admin.get("/admin/startServer");
    assertEquals(404, unknown.statusCode());
    JsonNode unknownBody = AdminHttp.json(unknown.body());
    assertEquals("NetConnection.Call.Failed", unknownBody.get("code").asText());
    assertEquals("error", unknownBody.get("level").asText());
    assertEquals("Method not found (startServer).", unknownBody.get("description").asText());

    HttpResponse<String> missing = admin.get("/admin/getUsers");
    assertEquals(400, missing.statusCode());
    assertEquals(
        "NetConnection.Call.BadValue", AdminHttp.json(missing.body()).get("code").asText());

    HttpResponse<String> notLoaded = admin.get("/admin/getUsers?appInst=live/nobody");
    assertEquals(404, notLoaded.statusCode());
    assertEquals(
        "Instance live/nobody is not loaded.",
        AdminHttp.json(notLoaded.body()).get("description").asText());

    HttpResponse<String> noApp = admin.get("/admin/getAppStats?app=nothere");
    assertEquals(404, noApp.statusCode());

    HttpResponse<String> noSuchUser = admin.get("/admin/disconnectUser?appInst=live&userId=1");
    assertEquals(404, noSuchUser.statusCode());
  }

  @Test
  void loginsAreCheckedByBasicAuthOrFmsParameters() throws Exception {
    AdminHttp anonymous = start();

    HttpResponse<String> none = anonymous.get("/admin/getApps");
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    JsonNode refusal = AdminHttp.json(none.body());
    assertEquals("NetConnection.Connect.Rejected", refusal.get("code").asText());
    assertEquals(
        "Admin user requires valid username and password.", refusal.get("description").asText());
    assertFalse(refusal.has("data"));

    assertEquals(401, anonymous.as(USER, "wrong").get("/admin/ping").statusCode());
    assertEquals(200, anonymous.get("/admin/ping?auser=ops&apswd=correct%20horse").statusCode());
    assertEquals(200, anonymous.as(USER, PASSWORD).get("/admin/ping").statusCode());
    assertEquals(401, anonymous.get("/metrics").statusCode());

    HttpResponse<String> health = anonymous.get("/health");
    assertEquals(200, health.statusCode());
    assertEquals("UP", AdminHttp.json(health.body()).get("status").asText());
  }

  @Test
  void repeatedFailedLoginsLockTheAddressOut() throws Exception {
    AdminHttp anonymous = start();
    AdminHttp wrong = anonymous.as(USER, "guess");

    assertEquals(401, wrong.get("/admin/ping").statusCode());
    assertEquals(401, wrong.get("/admin/ping?x=2").statusCode());
    HttpResponse<String> third = wrong.get("/admin/ping?x=3");
    assertEquals(429, third.statusCode());
    long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);

    // Locked out: even the right password is refused until the lockout time has passed.
    HttpResponse<String> right = anonymous.as(USER, PASSWORD).get("/admin/ping");
    assertEquals(429, right.statusCode());
    assertEquals(
        "NetConnection.Connect.Rejected", AdminHttp.json(right.body()).get("code").asText());
    assertEquals(200, anonymous.get("/health").statusCode());
  }

  @Test
  void metricsCountTheScenarioInPrometheusFormat() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);
    scene();
    RtmpClient refused = clients.create(RtmpClientConfig.DEFAULTS);
    try {
      refused.connect(nimbus.rtmpUri("nosuchapp")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException expected) {
      // NetConnection.Connect.Rejected; the server then closes the connection.
    }
    refused.closeFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    HttpResponse<String> scrape = admin.get("/metrics");

    assertEquals(200, scrape.statusCode());
    assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    Map<String, Double> samples = AdminHttp.samples(scrape.body());
    assertEquals(3.0, samples.get("nimbus_connections{protocol=\"rtmp\"}"), scrape.body());
    assertEquals(4.0, samples.get("nimbus_handshakes_total{protocol=\"rtmp\"}"));
    assertEquals(
        3.0,
        samples.get(
            "nimbus_connects_total{protocol=\"rtmp\",reason=\"none\",result=\"accepted\"}"));
    assertEquals(
        1.0,
        samples.get(
            "nimbus_connects_total{protocol=\"rtmp\",reason=\"app_not_found\",result=\"rejected\"}"));
    assertEquals(
        4.0,
        samples.get("nimbus_messages_total{direction=\"in\",protocol=\"rtmp\",type=\"video\"}"));
    assertEquals(
        3.0,
        samples.get("nimbus_messages_total{direction=\"in\",protocol=\"rtmp\",type=\"audio\"}"));
    assertTrue(
        samples.get("nimbus_messages_total{direction=\"out\",protocol=\"rtmp\",type=\"video\"}")
            >= 4.0);
    assertEquals(
        4 * 6.0 + 2.0,
        samples.get(
            "nimbus_message_bytes_total{direction=\"in\",protocol=\"rtmp\",type=\"video\"}"));
    assertEquals(1.0, samples.get("nimbus_live_streams"));
    assertEquals(1.0, samples.get("nimbus_live_subscribers"));
    assertEquals(2.0, samples.get("nimbus_app_instances"));
    assertEquals(1.0, samples.get("nimbus_sharedobject_updates_total{source=\"client\"}"));
    // Sampled each time the player's connection drains its queue: at least once for 7 frames.
    assertTrue(samples.get("nimbus_subscriber_queue_depth_frames_count") >= 1.0);
    assertTrue(samples.get("nimbus_script_callback_seconds_count{app=\"chat\"}") >= 3.0);
    assertEquals(0.0, samples.get("nimbus_script_errors_total{app=\"chat\"}"));
    assertEquals(0.0, samples.get("nimbus_rtmfp_sessions"));
    assertTrue(
        samples.keySet().stream().anyMatch(name -> name.startsWith("jvm_memory_used_bytes")));
    assertTrue(samples.keySet().stream().anyMatch(name -> name.startsWith("jvm_threads_live")));

    // Every metric the bundled Grafana dashboard plots is one this server writes.
    for (String metric : DashboardMetrics.referencedBy(Path.of("..", "docker", "grafana"))) {
      assertTrue(
          samples.keySet().stream()
              .anyMatch(name -> name.equals(metric) || name.startsWith(metric + "{")),
          "the dashboard plots " + metric + ", which /metrics does not write");
    }
  }

  @Test
  void tunnelledClientsAreCountedUnderTheirOwnProtocol() throws Exception {
    AdminHttp admin = start().as(USER, PASSWORD);
    try (TunnelRtmpClient tunnelled = TunnelRtmpClient.tunnel(nimbus.port("rtmpt"))) {
      tunnelled.connect("live", "rtmpt://127.0.0.1:" + nimbus.port("rtmpt") + "/live");

      Map<String, Double> samples = AdminHttp.samples(admin.get("/metrics").body());
      assertEquals(1.0, samples.get("nimbus_connections{protocol=\"rtmpt\"}"));
      assertEquals(
          1.0,
          samples.get(
              "nimbus_connects_total{protocol=\"rtmpt\",reason=\"none\",result=\"accepted\"}"));
      String id = texts(admin.call("getUsers", "appInst=live").get("data")).get(0);
      JsonNode stats = admin.call("getUserStats", "appInst=live&userId=" + id).get("data");
      assertEquals("rtmpt", stats.get("protocol").asText());
    }
  }

  @Test
  void curlReadsTheXmlAnswerWithBasicAuth() throws Exception {
    ExternalTool.require("curl");
    start();
    connect("live");
    String url = "http://127.0.0.1:" + nimbus.port("admin") + "/admin/getApps?format=xml";

    Path body = work.resolve("apps.xml");
    curl("-sS", "--fail", "-u", USER + ":" + PASSWORD, "-o", body.toString(), url);
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(Files.readAllBytes(body)));
    var xpath = XPathFactory.newInstance().newXPath();
    assertEquals("result", xml.getDocumentElement().getNodeName());
    assertEquals("status", xpath.evaluate("/result/level", xml));
    assertEquals("NetConnection.Call.Success", xpath.evaluate("/result/code", xml));
    assertNotEquals("", xpath.evaluate("/result/timestamp", xml));
    assertEquals("chat", xpath.evaluate("/result/data/_0", xml));
    assertEquals("live", xpath.evaluate("/result/data/_1", xml));

    assertEquals(
        "401", curl("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", USER + ":nope", url));
  }

  /** Runs curl to its end and returns what it printed; fails unless it exits with 0. */
  private String curl(String... arguments) throws Exception {
    String[] command = new String[arguments.length + 1];
    command[0] = "curl";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    try (ExternalTool curl = ExternalTool.start(work, command)) {
      assertEquals(0, curl.waitFor(WAIT), curl.output());
      return curl.output().trim();
    }
  }
}
