package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.server.config.ConfigException;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;
import org.nimbusmedia.server.testing.TestClients;

/**
 * Server-Side ActionScript over RTMP end to end: the bundled seed lookup application unchanged, and
 * a test application exercising onConnect's outcomes, remote methods both ways and access.
 */
class ScriptedAppsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String SCRIPTED_APP =
      """
      var answers = [];
      application.onConnect = function (client, name, delayed) {
        if (name == "mallory") {
          application.rejectConnection(client, {reason: "banned", user: name});
          return;
        }
        client.userName = name;
        if (name == "reader") {
          client.readAccess = "public";
          client.writeAccess = "";
        }
        if (delayed) {
          setTimeout(function () { application.acceptConnection(client); }, 200);
          return;
        }
        return true;
      };
      Client.prototype.add = function (a, b) { return a + b; };
      Client.prototype.fail = function () { throw new Error("deliberate"); };
      Client.prototype.askName = function () {
        this.call("whoAreYou", {onResult: function (answer) { answers.push(answer); }}, "question");
        return "asked";
      };
      Client.prototype.answers = function () { return answers.join(","); };
      Client.prototype.config = function () {
        var c = application.config;
        return [typeof c.clearOnAppStop, c.clearOnAppStop, c.maxUsers + 1, c.rooms.length].join(",");
      };
      Client.prototype.names = function () {
        var names = [];
        for (var i = 0; i < application.clients.length; i++) {
          names.push(application.clients[i].userName);
        }
        return names.sort().join(",");
      };
      """;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("lookup"));
    Files.copy(Path.of("..", "apps", "lookup", "main.asc"), apps.resolve("lookup/main.asc"));
    Files.createDirectories(apps.resolve("scripted"));
    Files.writeString(apps.resolve("scripted/main.asc"), SCRIPTED_APP);
    Files.writeString(
        apps.resolve("scripted/Application.yaml"),
        "applicationObject:\n  clearOnAppStop: true\n  maxUsers: 50\n  rooms: [lobby, games]\n");
    nimbus = EmbeddedNimbus.startRtmp(apps);
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
  }

  private RtmpClient client() {
    return clients.create(RtmpClientConfig.DEFAULTS);
  }

  private RtmpClient connected(String app, Object... args) throws Exception {
    return clients.connect(nimbus.rtmpUri(app), args);
  }

  private static Object call(RtmpClient client, String method, Object... args) throws Exception {
    return client.call(method, args).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void seedUserLookupRunsUnchanged() throws Exception {
    connected("lookup", "alice");
    RtmpClient bob = connected("lookup", "bob");

    Map<?, ?> result = (Map<?, ?>) call(bob, "getRemoteId", "alice");

    assertEquals("alice", result.get("userName"));
    assertEquals("rtmp", result.get("protocol"));
    assertEquals("", result.get("farID"), "an RTMP client has no RTMFP peer ID");
  }

  @Test
  void applicationConfigComesFromApplicationYaml() throws Exception {
    RtmpClient client = connected("scripted", "ann");

    assertEquals("boolean,true,51,2", call(client, "config"));
  }

  @Test
  void aBadApplicationYamlStopsStartUpWithFileAndKey() throws Exception {
    Path apps = work.resolve("bad-apps");
    Files.createDirectories(apps.resolve("broken"));
    Files.writeString(apps.resolve("broken/Application.yaml"), "applicationObjekt: {}\n");

    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> EmbeddedNimbus.startRtmp(apps));

    ConfigException cause = assertInstanceOf(ConfigException.class, failure.getCause());
    assertEquals("applicationObjekt", cause.keyPath());
    assertTrue(cause.source().endsWith("Application.yaml"), cause.source());
  }

  @Test
  void rejectConnectionSendsTheScriptsErrorObject() {
    RtmpClient mallory = client();

    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> mallory.connect(nimbus.rtmpUri("scripted"), "mallory").get(20, TimeUnit.SECONDS));

    RtmpStatusException rejected = assertInstanceOf(RtmpStatusException.class, failure.getCause());
    assertEquals("NetConnection.Connect.Rejected", rejected.code());
    Map<?, ?> application = (Map<?, ?>) rejected.application();
    assertEquals("banned", application.get("reason"));
    assertEquals("mallory", application.get("user"));
  }

  @Test
  void pendingConnectIsAcceptedLaterFromATimer() throws Exception {
    RtmpClient late = connected("scripted", "patient", true);

    assertEquals(5.0, call(late, "add", 2.0, 3.0));
  }

  @Test
  void remoteMethodsReturnResultsAndErrors() throws Exception {
    RtmpClient client = connected("scripted", "carol");

    assertEquals(5.0, call(client, "add", 2.0, 3.0));
    ExecutionException failure = assertThrows(ExecutionException.class, () -> call(client, "fail"));
    RtmpStatusException failed = assertInstanceOf(RtmpStatusException.class, failure.getCause());
    assertEquals("NetConnection.Call.Failed", failed.code());
    assertTrue(
        !failed.description().contains("at org."), "no stack trace: " + failed.description());
  }

  @Test
  void serverToClientCallDeliversTheClientsResultToTheScript() throws Exception {
    RtmpClient client = client();
    client.onCall("whoAreYou", args -> "dave, asked " + args.get(args.size() - 1));
    client.connect(nimbus.rtmpUri("scripted"), "dave").get(20, TimeUnit.SECONDS);

    assertEquals("asked", call(client, "askName"));

    long deadline = System.nanoTime() + WAIT.toNanos();
    Object answers = call(client, "answers");
    while (!"dave, asked question".equals(answers) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      answers = call(client, "answers");
    }
    assertEquals("dave, asked question", answers);
  }

  @Test
  void readAndWriteAccessAreEnforced() throws Exception {
    RtmpClient reader = connected("scripted", "reader");
    ClientStream stream = reader.createStream().get(20, TimeUnit.SECONDS);

    ExecutionException denied =
        assertThrows(
            ExecutionException.class, () -> stream.play("private/cam").get(20, TimeUnit.SECONDS));
    assertEquals(
        "NetStream.Play.Failed",
        assertInstanceOf(RtmpStatusException.class, denied.getCause()).code());
    stream.play("public/cam").get(20, TimeUnit.SECONDS);

    ClientStream publish = reader.createStream().get(20, TimeUnit.SECONDS);
    ExecutionException refused =
        assertThrows(
            ExecutionException.class,
            () -> publish.publish("public/cam", "live").get(20, TimeUnit.SECONDS));
    assertEquals(
        "NetStream.Publish.BadName",
        assertInstanceOf(RtmpStatusException.class, refused.getCause()).code());
  }

  @Test
  void rtmpdumpConnectArgumentsReachOnConnect() throws Exception {
    try (ExternalTool dump =
        new Ffmpeg(work)
            .startRtmpdumpLive(
                nimbus.rtmpUri("scripted/nothing").toString(),
                work.resolve("none.flv"),
                4,
                "-C",
                "S:erin")) {
      RtmpClient watcher = connected("scripted", "frank");
      long deadline = System.nanoTime() + WAIT.toNanos();
      Object names = call(watcher, "names");
      while (!"erin,frank".equals(names) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        names = call(watcher, "names");
      }
      assertEquals("erin,frank", names, dump.output());
    }
  }

  @Test
  void python3LibrtmpCallsMethodsAndAnswersServerCalls() throws Exception {
    String script =
        """
        import librtmp, sys, time
        conn = librtmp.RTMP(sys.argv[1], connect_data=['grace'])
        @conn.invoke_handler
        def whoAreYou(*args):
            return 'grace via python'
        conn.connect()
        print('add', conn.call('add', 40, 2).result(timeout=10))
        print('ask', conn.call('askName').result(timeout=10))
        # librtmp ran the whoAreYou handler while it waited for askName's result; the
        # script stores the answer when our _result reaches it.
        for _ in range(100):
            answers = conn.call('answers').result(timeout=10)
            if answers:
                break
            time.sleep(0.05)
        print('answers', answers)
        """;
    Path file = work.resolve("client.py");
    Files.writeString(file, script);

    try (ExternalTool python =
        ExternalTool.start(
            work, "/usr/bin/python3", file.toString(), nimbus.rtmpUri("scripted").toString())) {
      assertEquals(0, python.waitFor(Duration.ofSeconds(60)), python.output());
      assertTrue(python.output().contains("add 42.0"), python.output());
      assertTrue(python.output().contains("ask asked"), python.output());
      assertTrue(python.output().contains("answers grace via python"), python.output());
    }
  }
}
