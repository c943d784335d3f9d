package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instance lifecycle: {@code application} properties, {@code onAppStop} with {@code Application.GC}
 * or {@code Application.Shutdown} (reference section 1.2), timers.
 */
class LifecycleTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void applicationPropertiesDescribeTheInstance() throws Exception {
    Path folder = root.resolve("rooms");
    Scripts.write(
        folder,
        "main.asc",
        """
        Client.prototype.about = function() {
          return [application.name, application.hostname, application.server,
                  application.config.clearOnAppStop, application.allowDebug,
                  application.getStats().total_connects].join("|");
        };
        """);
    ApplicationScript script = scripts.start(new FakeHost("rooms", "room_1", folder));
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals(
        "rooms/room_1|localhost|Nimbus/0.1|true|false|3",
        await(script.invoke(client, "about", List.of())));
  }

  @Test
  void onAppStopReturningFalseRefusesAnIdleUnloadButNotAShutdown() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            var codes = [];
            application.onAppStop = function(info) { codes.push(info.code); return false; };
            Client.prototype.codes = function() { return codes.join(","); };
            """);

    assertEquals(false, await(script.unload(UnloadReason.GC)));
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    assertEquals("Application.GC", await(script.invoke(client, "codes", List.of())));

    assertEquals(true, await(script.unload(UnloadReason.SHUTDOWN)));
    assertTrue(client.disconnected.await(Scripts.WAIT_SECONDS, TimeUnit.SECONDS));
    assertInstanceOf(
        ConnectDecision.Reject.class, await(script.connect(new FakeClient("2"), List.of())));
  }

  @Test
  void shutdownDisconnectsClientsRunsOnDisconnectAndRejectsPendingConnects() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client, wait) { return wait ? null : true; };
            application.onDisconnect = function(client) {
              for (var i = 0; i < application.clients.length; i++) {
                application.clients[i].call("left", null, client.id);
              }
            };
            """);
    FakeClient first = new FakeClient("1");
    FakeClient second = new FakeClient("2");
    await(script.connect(first, List.of(false)));
    await(script.connect(second, List.of(false)));
    CompletionStage<ConnectDecision> pending = script.connect(new FakeClient("3"), List.of(true));

    assertEquals(true, await(script.unload(UnloadReason.SHUTDOWN)));

    assertInstanceOf(ConnectDecision.Reject.class, await(pending));
    assertEquals("left", second.nextCall().method(), "second hears that first left");
    assertTrue(first.disconnected.await(Scripts.WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(second.disconnected.await(Scripts.WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(first.toldOfShutdown && second.toldOfShutdown, "told: Connect.AppShutdown");
  }

  @Test
  void applicationShutdownAsksTheHost() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root, "main.asc", "application.onAppStart = function() { application.shutdown(); };");
    scripts.start(host);

    assertTrue(host.shutdownRequested.await(Scripts.WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void timeoutsPassExtraArgumentsAndClearedTimersNeverFire() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client) {
              application.acceptConnection(client);
              var late = setTimeout(function() { client.call("late", null); }, 50);
              clearTimeout(late);
              setTimeout(function(a, b) { client.call("marker", null, a, b); }, 100, "x", 2);
              var n = 0;
              var id = setInterval(client, "tick", 10, "t");
              client.tick = function(tag) {
                if (++n == 3) { clearInterval(id); this.call("ticked", null, tag, n); }
              };
            };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    FakeClient.Call first = client.nextCall();
    FakeClient.Call second = client.nextCall();
    List<String> methods = List.of(first.method(), second.method());

    assertFalse(methods.contains("late"), methods.toString());
    assertTrue(methods.containsAll(List.of("marker", "ticked")), methods.toString());
    FakeClient.Call marker = first.method().equals("marker") ? first : second;
    FakeClient.Call ticked = first.method().equals("ticked") ? first : second;
    assertEquals(List.of("x", 2.0), marker.args());
    assertEquals(List.of("t", 3.0), ticked.args());
  }

  @Test
  void loadVarsDecodesAndEncodesQueryStrings() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            Client.prototype.parse = function(query) {
              var vars = new LoadVars();
              vars.decode(query);
              return vars.user + "|" + vars.room + "|" + vars.toString();
            };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals(
        "al ice|r&d|user=al%20ice&room=r%26d",
        await(script.invoke(client, "parse", List.of("user=al+ice&room=r%26d"))));
  }
}
