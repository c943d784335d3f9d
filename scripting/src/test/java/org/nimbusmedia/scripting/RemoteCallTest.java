package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.scripting.Scripts.await;
import static org.nimbusmedia.scripting.Scripts.callFailure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * Client-to-server calls ({@code nc.call}): lookup on the client and {@code Client.prototype},
 * nested names, {@code __resolve}, and {@code NetConnection.Call.Failed} (FMS 4 SSASLR, Client
 * class; status codes in section 1.10 of the reference).
 */
class RemoteCallTest {

  private final Scripts scripts = new Scripts();
  private final FakeClient client = new FakeClient("1");
  private ApplicationScript script;

  @TempDir Path root;

  @BeforeEach
  void start() throws Exception {
    script =
        scripts.start(
            root,
            """
            function Client_register(name) { return "registered " + name + " by " + this.id; }
            Client.prototype.registerStream = Client_register;
            Client.prototype.app = {};
            Client.prototype.app.createStream = function(n) { return {stream: n, id: 7}; };
            Client.prototype.fail = function() { throw new Error("no rooms left"); };
            Client.prototype.add = function(a, b) { return a + b; };
            application.onConnect = function(client) {
              client.own = function() { return "own method"; };
              return true;
            };
            """);
    await(script.connect(client, List.of()));
  }

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void prototypeMethodAssignedByReference() throws Exception {
    assertEquals(
        "registered cam by 1", await(script.invoke(client, "registerStream", List.of("cam"))));
  }

  @Test
  void methodOnTheClientObjectItself() throws Exception {
    assertEquals("own method", await(script.invoke(client, "own", List.of())));
  }

  @Test
  void dottedNameReachesANestedObject() throws Exception {
    assertEquals(
        AmfObject.of("stream", "s1", "id", 7.0),
        await(script.invoke(client, "app.createStream", List.of("s1"))));
  }

  @Test
  void argumentsArriveAsNumbers() throws Exception {
    assertEquals(5.0, await(script.invoke(client, "add", List.of(2, 3.0))));
  }

  @Test
  void missingMethodFailsWithMethodNotFound() throws Exception {
    CallFailedException failure = callFailure(script.invoke(client, "nothing", List.of()));

    assertEquals("NetConnection.Call.Failed", failure.code());
    assertEquals("Method not found (nothing).", failure.description());
  }

  @Test
  void objectPrototypeMembersAreNotRemoteMethods() throws Exception {
    assertEquals(
        "Method not found (toString).",
        callFailure(script.invoke(client, "toString", List.of())).description());
  }

  @Test
  void thrownErrorFailsWithAShortDescriptionAndNoStackTrace() throws Exception {
    CallFailedException failure = callFailure(script.invoke(client, "fail", List.of()));

    assertEquals("Error: no rooms left", failure.description());
    assertEquals(0, failure.getStackTrace().length);
  }

  @Test
  void unknownClientCannotCall() throws Exception {
    assertEquals(
        "Client is not connected.",
        callFailure(script.invoke(new FakeClient("x"), "add", List.of(1, 2))).description());
  }

  @Test
  void resolveAnswersUnknownNames() throws Exception {
    ApplicationScript resolving =
        scripts.start(
            root.resolve("other"),
            """
            Client.prototype.__resolve = function(name) {
              return function(x) { return name + ":" + x; };
            };
            """);
    FakeClient other = new FakeClient("2");
    await(resolving.connect(other, List.of()));

    assertEquals("anything:1", await(resolving.invoke(other, "anything", List.of("1"))));
  }

  @Test
  void callsRunOneAtATimeInTheOrderTheyArrive() throws Exception {
    ApplicationScript counting =
        scripts.start(
            root.resolve("count"),
            """
            var busy = false, overlaps = 0, order = [];
            Client.prototype.work = function(n) {
              if (busy) overlaps++;
              busy = true;
              for (var i = 0; i < 2000; i++) { Math.sqrt(i); }
              order.push(n);
              busy = false;
              return n;
            };
            Client.prototype.summary = function() { return overlaps + "/" + order.join(","); };
            """);
    FakeClient caller = new FakeClient("3");
    await(counting.connect(caller, List.of()));
    List<CompletionStage<Object>> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  synchronized (results) {
                    results.add(counting.invoke(caller, "work", List.of((double) results.size())));
                  }
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (CompletionStage<Object> result : results) {
      await(result);
    }

    String summary = (String) await(counting.invoke(caller, "summary", List.of()));
    assertTrue(summary.startsWith("0/"), summary);
    String[] order = summary.substring(2).split(",");
    assertEquals(100, order.length);
    for (int i = 0; i < order.length; i++) {
      assertEquals(String.valueOf(i), order[i], "calls must run in submission order");
    }
    assertFalse(summary.isEmpty());
  }
}
