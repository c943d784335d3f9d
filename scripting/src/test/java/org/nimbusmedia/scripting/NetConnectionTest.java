package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side {@code NetConnection} through {@code NetConnectionHost} (FMS 4 SSASLR). */
class NetConnectionTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void aNetStreamPublishesAnAttachedStreamAndReportsItsStatus() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        var codes = [];
        var nc = new NetConnection();
        nc.connect("rtmp://origin/live");
        var ns = new NetStream(nc);
        ns.onStatus = function (info) { codes.push(info.code); };
        ns.attach(Stream.get("cam"));
        ns.publish("cam-copy");
        ns.send("onCue", 7);
        ns.publish(false);
        ns.close();
        Client.prototype.codes = function () { return codes.join(","); };
        """);
    ApplicationScript script = scripts.start(host);
    await(script.started());
    FakeHost.FakeConnection connection;
    synchronized (host) {
      connection = host.connections.get("rtmp://origin/live");
    }
    connection.streamStatus.accept(Map.of("code", "NetStream.Publish.Start", "level", "status"));

    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    assertEquals("NetStream.Publish.Start", await(script.invoke(client, "codes", List.of())));
    synchronized (connection.streamActions) {
      assertEquals(
          List.of("attach cam", "publish cam-copy live", "send onCue [7.0]", "unpublish", "close"),
          connection.streamActions);
    }
  }

  @Test
  void connectCallAndEventsReachTheScript() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        var log = [];
        var nc = new NetConnection();
        nc.objectEncoding = 0;
        nc.onStatus = function(info) {
          log.push(info.code + "/" + nc.isConnected);
          if (info.code == "NetConnection.Connect.Success") {
            nc.call("add", {onResult: function(v) { log.push("sum " + v); }}, 2, 3);
          }
        };
        nc.notify = function(text) { log.push("notify " + text); return "noted " + text; };
        nc.connect("rtmp://origin/live", "user1");
        Client.prototype.log = function() { return log.join(","); };
        """);
    ApplicationScript script = scripts.start(host);
    await(script.started());
    FakeHost.FakeConnection connection;
    synchronized (host) {
      connection = host.connections.get("rtmp://origin/live");
    }
    assertEquals(0, connection.encoding);
    assertEquals(List.of("user1"), connection.args);

    connection.listener.onStatus(
        Map.of("code", "NetConnection.Connect.Success", "level", "status"));
    assertEquals("noted hello", await(connection.listener.onCall("notify", List.of("hello"))));
    ExecutionException missing =
        assertThrows(
            ExecutionException.class,
            () -> connection.listener.onCall("missing", List.of()).toCompletableFuture().get());
    CallFailedException failure = assertInstanceOf(CallFailedException.class, missing.getCause());
    assertEquals("Method not found (missing).", failure.description());
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    FakeClient.Call add;
    synchronized (connection) {
      add = connection.calls.get(0);
    }
    assertEquals("add", add.method());
    assertEquals(List.of(2.0, 3.0), add.args());
    add.listener().onResult(5.0);

    assertEquals(
        "NetConnection.Connect.Success/true,notify hello,sum 5",
        await(script.invoke(client, "log", List.of())));
    await(script.unload(UnloadReason.SHUTDOWN));
    assertTrue(connection.closed, "unload closes connections the script left open");
  }
}
