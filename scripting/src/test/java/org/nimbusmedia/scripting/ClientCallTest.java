package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;

/** Server-to-client calls: {@code client.call(method, responder, args...)} and broadcasts. */
class ClientCallTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void resultReachesOnResultAndErrorReachesOnStatus() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            function Responder(client) { this.client = client; }
            Responder.prototype.onResult = function(value) {
              this.client.call("gotResult", null, value * 2);
            };
            Responder.prototype.onStatus = function(info) {
              this.client.call("gotStatus", null, info.code);
            };
            application.onConnect = function(client) {
              application.acceptConnection(client);
              client.call("askNumber", new Responder(client), "how much?");
              client.call("askAgain", new Responder(client));
            };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    FakeClient.Call ask = client.nextCall();
    assertEquals("askNumber", ask.method());
    assertEquals(List.of("how much?"), ask.args());
    FakeClient.Call again = client.nextCall();
    ask.listener().onResult(21.0);
    again.listener().onStatus(AmfObject.of("code", "NetConnection.Call.Failed"));

    FakeClient.Call result = client.nextCall();
    assertEquals("gotResult", result.method());
    assertEquals(List.of(42.0), result.args());
    FakeClient.Call status = client.nextCall();
    assertEquals("gotStatus", status.method());
    assertEquals(List.of("NetConnection.Call.Failed"), status.args());
    assertNull(result.listener(), "null responder means no result is expected");
  }

  @Test
  void broadcastMsgCallsEveryAcceptedClient() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            Client.prototype.say = function(text) {
              application.broadcastMsg("onMessage", this.id, text);
            };
            """);
    FakeClient first = new FakeClient("1");
    FakeClient second = new FakeClient("2");
    await(script.connect(first, List.of()));
    await(script.connect(second, List.of()));

    await(script.invoke(first, "say", List.of("hi")));

    assertEquals(List.of("1", "hi"), first.nextCall().args());
    assertEquals(List.of("1", "hi"), second.nextCall().args());
  }

  @Test
  void clientNativeMethodsReachTheHost() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            Client.prototype.info = function() {
              var s = this.getStats();
              return [this.ping(), s.bytes_in, this.getBandwidthLimit(0),
                      this.getBandwidthLimit(1)].join(",");
            };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals("true,10,1000,2000", await(script.invoke(client, "info", List.of())));
  }

  @Test
  void aFailingHostCallIsAScriptErrorTheScriptCanCatch() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            Client.prototype.tryCall = function() {
              try { this.call("x", null); return "no error"; }
              catch (e) { return "caught " + (e instanceof Error || typeof e); }
            };
            Client.prototype.plainCall = function() { this.call("x", null); };
            """);
    FakeClient client =
        new FakeClient("1") {
          @Override
          public void call(String method, List<Object> args, CallResultListener listener) {
            throw new IllegalStateException("connection closed");
          }
        };
    await(script.connect(client, List.of()));

    assertEquals("caught true", await(script.invoke(client, "tryCall", List.of())));
    assertEquals(
        "Error: connection closed",
        Scripts.callFailure(script.invoke(client, "plainCall", List.of())).description());
  }
}
