package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.remoting.AmfPacket;
import org.nimbusmedia.rtmp.remoting.AmfPacketCodec;
import org.nimbusmedia.server.config.ScriptingSettings;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;
import org.nimbusmedia.server.testing.TestClients;

/**
 * Scripts that reach out (FMS 4 SSASLR): a server-side {@code NetConnection} from one application
 * to another over RTMP (calls both ways, rejection, an unreachable server), {@code LoadVars} and
 * {@code XML} over HTTP with the size and time bounds, a remote live stream republished with {@code
 * Stream.play(..., remoteNC)} and played by ffmpeg, a client's stream published on to another
 * server by a {@code NetStream}, and Flash Remoting through the bundled {@code netservices.asc}
 * against an AMF gateway. Everything stays on loopback: the far RTMP server is the same embedded
 * server, the HTTP server is the JDK's.
 */
class ScriptNetworkingIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final String ORIGIN =
      """
      var seen = [];
      application.onConnect = function (client, user) {
        if (user == "nobody") {
          application.rejectConnection(client, {reason: "banned"});
          return;
        }
        seen.push("agent " + client.agent + " user " + user);
        return true;
      };
      Client.prototype.add = function (a, b) {
        this.call("fromOrigin", {onResult: function (v) { seen.push("doubled " + v); }}, a + b);
        return a + b;
      };
      Client.prototype.seen = function () { return seen.join(","); };
      """;

  private static final String EDGE =
      """
      Client.prototype.relay = function (url, user) {
        var client = this;
        var log = [];
        var nc = new NetConnection();
        nc.fromOrigin = function (x) { log.push("asked " + x); return x * 2; };
        nc.onStatus = function (info) {
          log.push(info.code + (info.application ? ":" + info.application.reason : ""));
          if (info.code == "NetConnection.Connect.Success") {
            nc.call("add", {onResult: function (sum) { log.push("sum " + sum); nc.close(); }}, 2, 3);
          } else if (info.code != "NetConnection.Connect.Rejected") {
            client.call("done", null, log.join(","));
          }
        };
        nc.connect(url, user);
        return "connecting";
      };
      """;

  private static final String RELAY =
      """
      var nc;
      Client.prototype.pull = function (url, name) {
        var client = this;
        var codes = [];
        nc = new NetConnection();
        nc.onStatus = function (info) {
          if (info.code != "NetConnection.Connect.Success") {
            client.call("done", null, info.code);
            return;
          }
          var mirror = Stream.get("mirror");
          mirror.onStatus = function (status) {
            codes.push(status.code);
            if (status.code == "NetStream.Play.Start") {
              client.call("done", null, codes.join(","));
            }
          };
          mirror.play(name, -1, -1, true, nc);
        };
        nc.connect(url);
        return "pulling";
      };
      """;

  private static final String PUSHER =
      """
      var nc, ns;
      application.onPublish = function (client, stream) {
        var name = stream.name;
        nc = new NetConnection();
        nc.onStatus = function (info) {
          if (info.code == "NetConnection.Connect.Success") {
            ns = new NetStream(nc);
            ns.onStatus = function (status) { trace("pushed " + name + ": " + status.code); };
            ns.attach(Stream.get(name));
            ns.publish(name, "live");
          }
        };
        nc.connect(application.config.origin);
      };
      """;

  private static final String WEB =
      """
      Client.prototype.fetch = function (base) {
        var client = this;
        var log = [];
        var pending = 5;
        function done() {
          if (--pending == 0) client.call("done", null, log.sort().join("|"));
        }
        var vars = new LoadVars();
        vars.onLoad = function (ok) { log.push("vars " + ok + " " + vars.name + " " + vars.n); done(); };
        vars.load(base + "/vars");
        var doc = new XML();
        doc.ignoreWhite = true;
        doc.onLoad = function (ok) { log.push("xml " + ok + " " + doc.firstChild.attributes.title); done(); };
        doc.load(base + "/feed.xml");
        var form = new LoadVars();
        form.user = "alice";
        var reply = new LoadVars();
        reply.onHTTPStatus = function (status) { log.push("status " + status); };
        reply.onLoad = function (ok) { log.push("reply " + ok + " " + reply.echo); done(); };
        form.sendAndLoad(base + "/echo", reply, "POST");
        var big = new LoadVars();
        big.onLoad = function (ok) { log.push("big " + ok); done(); };
        big.load(base + "/big");
        var slow = new LoadVars();
        slow.onLoad = function (ok) { log.push("slow " + ok); done(); };
        slow.load(base + "/slow");
        return "fetching";
      };
      """;

  private static final String REMOTING =
      """
      load("netservices.asc");
      Client.prototype.remote = function (gatewayUrl) {
        var client = this;
        var log = [];
        NetServices.setDefaultGatewayUrl(gatewayUrl);
        var gateway = NetServices.createGatewayConnection();
        gateway.setCredentials("alice", "secret");
        var math = gateway.getService("math", {
          add_Result: function (sum) { log.push("sum " + sum); math.fail("why"); },
          onStatus: function (info) {
            log.push("status " + info.code + " " + info.description);
            client.call("done", null, log.join(","));
          }
        });
        math.add(2, 3);
        return "calling";
      };
      """;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private HttpServer web;
  private ExecutorService webThreads;
  private final List<String> webRequests = new CopyOnWriteArrayList<>();
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() throws Exception {
    Path apps = work.resolve("apps");
    for (Map.Entry<String, String> app :
        Map.of(
                "origin", ORIGIN,
                "edge", EDGE,
                "relay", RELAY,
                "pusher", PUSHER,
                "web", WEB,
                "remoting", REMOTING)
            .entrySet()) {
      Files.createDirectories(apps.resolve(app.getKey()));
      Files.writeString(apps.resolve(app.getKey()).resolve("main.asc"), app.getValue());
    }
    ScriptingSettings scripting =
        new ScriptingSettings(
            List.of(Path.of("..", "scriptlib")),
            null,
            null,
            null,
            Duration.ofMillis(1500),
            1024,
            Duration.ofSeconds(5),
            null);
    nimbus = EmbeddedNimbus.start(apps, config -> config.withScripting(scripting));
    startWebServer();
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
    web.stop(0);
    webThreads.shutdownNow();
  }

  private void startWebServer() throws IOException {
    web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webThreads = Executors.newCachedThreadPool();
    web.setExecutor(webThreads);
    web.createContext("/vars", exchange -> answer(exchange, 200, "name=nimbus&n=3"));
    web.createContext(
        "/feed.xml",
        exchange -> answer(exchange, 200, "<feed title=\"news\">\n  <item/>\n</feed>"));
    web.createContext(
        "/echo",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          webRequests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + body);
          answer(exchange, 201, "echo=" + body.replace("=", "%3D"));
        });
    web.createContext("/big", exchange -> answer(exchange, 200, "x=" + "y".repeat(2000)));
    web.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, "late=1");
        });
    web.createContext("/gateway", this::gateway);
    web.start();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /**
   * An AMF gateway: math.add sums, anything else answers onStatus; the first answer adds a URL
   * suffix.
   */
  private void gateway(HttpExchange exchange) throws IOException {
    ByteBuf in = Unpooled.wrappedBuffer(exchange.getRequestBody().readAllBytes());
    AmfPacket request;
    try {
      request = AmfPacketCodec.decode(in, AmfLimits.DEFAULT);
    } finally {
      in.release();
    }
    AmfPacket.Message call = request.messages().get(0);
    webRequests.add(
        exchange.getRequestURI().getPath()
            + " "
            + exchange.getRequestHeaders().getFirst("Content-Type")
            + " "
            + request.headers().get(0).name()
            + "="
            + request.headers().get(0).value()
            + " "
            + call.targetUri()
            + call.body());
    List<?> args = (List<?>) call.body();
    AmfPacket.Message reply =
        call.targetUri().equals("math.add")
            ? new AmfPacket.Message(
                call.responseUri() + "/onResult",
                "null",
                ((Double) args.get(0)) + ((Double) args.get(1)))
            : new AmfPacket.Message(
                call.responseUri() + "/onStatus",
                "null",
                AmfObject.of("level", "error", "code", "Server.Error", "description", "nope"));
    List<AmfPacket.Header> headers =
        exchange.getRequestURI().getPath().endsWith(";s=1")
            ? List.of()
            : List.of(new AmfPacket.Header("AppendToGatewayUrl", false, ";s=1"));
    ByteBuf out = Unpooled.buffer();
    try {
      AmfPacketCodec.encode(new AmfPacket(0, headers, List.of(reply)), out);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      exchange.getResponseHeaders().add("Content-Type", AmfPacket.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    } finally {
      out.release();
      exchange.close();
    }
  }

  private String webBase() {
    return "http://127.0.0.1:" + web.getAddress().getPort();
  }

  /** Calls {@code method} on {@code app} and returns what the script reports with "done". */
  private String runAndAwaitDone(String app, String method, Object... args) throws Exception {
    RtmpClient client = clients.connect(nimbus.rtmpUri(app));
    client.call(method, args).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return (String) client.awaitCommand("done", WAIT).argument(0);
  }

  @Test
  void netConnectionCallsAnotherApplicationAndIsCalledBack() throws Exception {
    String log = runAndAwaitDone("edge", "relay", nimbus.rtmpUri("origin").toString(), "edge-1");

    assertEquals("NetConnection.Connect.Success,asked 5,sum 5,NetConnection.Connect.Closed", log);
    RtmpClient observer = clients.connect(nimbus.rtmpUri("origin"), "observer");
    String seen = "";
    for (int attempt = 0; attempt < 100 && !seen.contains("doubled"); attempt++) {
      seen = (String) observer.call("seen").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      Thread.sleep(50);
    }
    assertEquals(
        "agent FlashCom/4.0.0 Nimbus user edge-1,doubled 10,agent LNX 10,0,32,18 user observer",
        seen);
  }

  @Test
  void streamPlayOverANetConnectionRepublishesTheOriginsLiveStreamForFfmpeg() throws Exception {
    Ffmpeg ffmpeg = new Ffmpeg(work);
    try (ExternalTool publisher =
        ffmpeg.publishTestStream(nimbus.rtmpUri("origin/cam").toString(), 30)) {
      Ffmpeg.awaitPublished(nimbus, publisher, "origin", "cam");

      String log = runAndAwaitDone("relay", "pull", nimbus.rtmpUri("origin").toString(), "cam");
      assertTrue(log.endsWith("NetStream.Play.Start"), log);

      Path copy = work.resolve("mirror.flv");
      ffmpeg.play(nimbus.rtmpUri("relay/mirror").toString(), copy);
      ffmpeg.assertPlayable(copy);
    }
  }

  @Test
  void aNetStreamPublishesWhatAClientPublishesToAnotherServer() throws Exception {
    // Read when the instance loads: the port is known only now.
    Files.writeString(
        nimbus.appsDirectory().resolve("pusher/Application.yaml"),
        "applicationObject:\n  origin: " + nimbus.rtmpUri("origin") + "\n");
    Ffmpeg ffmpeg = new Ffmpeg(work);
    try (ExternalTool publisher =
        ffmpeg.publishTestStream(nimbus.rtmpUri("pusher/cam").toString(), 30)) {
      Ffmpeg.awaitPublished(nimbus, publisher, "origin", "cam");

      Path copy = work.resolve("pushed.flv");
      ffmpeg.play(nimbus.rtmpUri("origin/cam").toString(), copy);
      ffmpeg.assertPlayable(copy);
    }
  }

  @Test
  void aRejectedNetConnectionReportsTheOriginsErrorObjectThenClosed() throws Exception {
    String log = runAndAwaitDone("edge", "relay", nimbus.rtmpUri("origin").toString(), "nobody");

    assertEquals("NetConnection.Connect.Rejected:banned,NetConnection.Connect.Closed", log);
  }

  @Test
  void aNetConnectionToNothingFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    String log = runAndAwaitDone("edge", "relay", "rtmp://127.0.0.1:" + closedPort + "/x", "u");

    assertEquals("NetConnection.Connect.Failed", log);
  }

  @Test
  void loadVarsAndXmlLoadOverHttpWithinTheSizeAndTimeLimits() throws Exception {
    String log = runAndAwaitDone("web", "fetch", webBase());

    assertEquals(
        "big false|reply true user=alice|slow false|status 201|vars true nimbus 3|xml true news",
        log);
    assertEquals(List.of("POST application/x-www-form-urlencoded user=alice"), webRequests);
  }

  @Test
  void netservicesCallsAnAmfGatewayWithCredentials() throws Exception {
    String log = runAndAwaitDone("remoting", "remote", webBase() + "/gateway");

    assertEquals("sum 5,status Server.Error nope", log);
    assertEquals(
        List.of(
            "/gateway application/x-amf Credentials={userid=alice, password=secret} math.add[2.0, 3.0]",
            "/gateway;s=1 application/x-amf Credentials={userid=alice, password=secret} math.fail[why]"),
        webRequests);
  }
}
