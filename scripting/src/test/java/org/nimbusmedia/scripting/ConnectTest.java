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
import org.nimbusmedia.rtmp.amf.AmfObject;

/** {@code application.onConnect} and its tri-state result (FMS 4 SSASLR, application.onConnect). */
class ConnectTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void noHandlerAccepts() throws Exception {
    ApplicationScript script = scripts.start(root, "trace('no handlers');");

    assertEquals(
        new ConnectDecision.Accept(), await(script.connect(new FakeClient("1"), List.of())));
  }

  @Test
  void applicationWithoutScriptAccepts() throws Exception {
    ApplicationScript script =
        scripts.start(new FakeHost("empty", "_definst_", root.resolve("empty")));

    assertEquals(
        new ConnectDecision.Accept(), await(script.connect(new FakeClient("1"), List.of())));
  }

  @Test
  void returningFalseRejects() throws Exception {
    ApplicationScript script =
        scripts.start(root, "application.onConnect = function(c) { return false; };");

    assertInstanceOf(
        ConnectDecision.Reject.class, await(script.connect(new FakeClient("1"), List.of())));
  }

  @Test
  void rejectConnectionDeliversTheErrorObjectAsInfoApplication() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client, user) {
              application.rejectConnection(client, {msg: "Sorry " + user, code: 42});
              return true; // ignored: the script already decided
            };
            """);

    ConnectDecision decision = await(script.connect(new FakeClient("1"), List.of("eve")));

    ConnectDecision.Reject reject = assertInstanceOf(ConnectDecision.Reject.class, decision);
    assertEquals(AmfObject.of("msg", "Sorry eve", "code", 42.0), reject.application());
  }

  @Test
  void pendingConnectIsAcceptedLaterFromSetInterval() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            var pending = null;
            application.onConnect = function(client, token) {
              if (token == "vip") return true;
              pending = client;
              return null;
            };
            Client.prototype.approve = function() {
              var id = setInterval(function(who) {
                clearInterval(id);
                application.acceptConnection(who);
              }, 20, pending);
              return application.clients.length;
            };
            """);
    FakeClient guest = new FakeClient("guest");
    CompletionStage<ConnectDecision> guestDecision = script.connect(guest, List.of("plain"));
    FakeClient vip = new FakeClient("vip");
    assertEquals(new ConnectDecision.Accept(), await(script.connect(vip, List.of("vip"))));
    assertFalse(guestDecision.toCompletableFuture().isDone(), "guest must still be pending");

    assertEquals(1.0, await(script.invoke(vip, "approve", List.of())));

    assertEquals(new ConnectDecision.Accept(), await(guestDecision));
    assertEquals("/", script.readAccess(guest));
  }

  @Test
  void returningANumberDoesNotDecide() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client) { return 1; };
            application.onAppStart = function() { trace("started"); };
            """);
    CompletionStage<ConnectDecision> decision = script.connect(new FakeClient("1"), List.of());

    // A later task on the same thread has run, so onConnect has returned by now.
    await(script.invoke(new FakeClient("other"), "x", List.of()).exceptionally(e -> null));

    assertFalse(decision.toCompletableFuture().isDone());
  }

  @Test
  void redirectConnectionGivesTheUrl() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client) {
              application.redirectConnection(client, "rtmp://other/app", "moved", {why: "full"});
            };
            """);

    ConnectDecision decision = await(script.connect(new FakeClient("1"), List.of()));

    assertEquals(
        new ConnectDecision.Redirect("rtmp://other/app", "moved", AmfObject.of("why", "full")),
        decision);
  }

  @Test
  void clientPropertiesAreVisibleAndScriptsMayOverwriteIdAndSetAccess() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client) {
              client.seen = [client.id, client.ip, client.agent, client.protocol, client.referrer,
                             client.pageUrl, client.uri, client.farID, client.nearNonce,
                             client instanceof Client].join("|");
              client.id = "user-" + client.id;
              client.readAccess = "public;lobby";
              client.writeAccess = "";
              return true;
            };
            Client.prototype.describe = function() { return this.id + " " + this.seen; };
            """);
    FakeClient client = new FakeClient("7");
    await(script.connect(client, List.of()));

    assertEquals(
        "user-7 7|192.0.2.7|WIN 10,0,45,2|rtmp|http://example.com/app.swf"
            + "|http://example.com/index.html|rtmp://localhost/test|||true",
        await(script.invoke(client, "describe", List.of())));
    assertEquals("public;lobby", script.readAccess(client));
    assertEquals("", script.writeAccess(client));
  }

  @Test
  void disconnectRunsOnDisconnectAndRemovesTheClient() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            var gone = [];
            application.onDisconnect = function(client) { gone.push(client.id); };
            Client.prototype.report = function() {
              return gone.join(",") + "/" + application.clients.length;
            };
            """);
    FakeClient first = new FakeClient("1");
    FakeClient second = new FakeClient("2");
    await(script.connect(first, List.of()));
    await(script.connect(second, List.of()));

    await(script.disconnect(first));

    assertEquals("1/1", await(script.invoke(second, "report", List.of())));
  }

  @Test
  void applicationDisconnectAsksTheHostToCloseTheConnection() throws Exception {
    ApplicationScript script =
        scripts.start(
            root, "Client.prototype.kick = function() { return application.disconnect(this); };");
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals(true, await(script.invoke(client, "kick", List.of())));
    assertTrue(client.disconnected.await(Scripts.WAIT_SECONDS, TimeUnit.SECONDS));
  }
}
