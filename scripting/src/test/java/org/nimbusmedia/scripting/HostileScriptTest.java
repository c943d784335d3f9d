package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * Scripts written to harm the server (SECURITY.md, "Server-Side ActionScript sandbox"): allocation
 * bombs and endless loops are stopped with an {@code Application.Script.Error} that names the file
 * and line while another application keeps answering; Java and files outside the application folder
 * stay out of reach whatever the script tries.
 */
class HostileScriptTest {

  /** Small enough that the bombs reach it at once, far above what the healthy scripts use. */
  private static final long ALLOCATION_LIMIT = 32L << 20;

  /** Keeps every onStatus info object so that a client can fetch the last one. */
  private static final String ON_STATUS =
      """
      var errors = [];
      application.onStatus = function(info) { errors.push(info); };
      Client.prototype.lastError = function() { return errors[errors.length - 1]; };
      Client.prototype.errorCount = function() { return errors.length; };
      """;

  /** The time limit of the loop tests; the allocation tests have ten times as long. */
  private static final Duration TIME_LIMIT = Duration.ofMillis(500);

  private Scripts scripts = new Scripts(limits(TIME_LIMIT));

  private static ScriptingConfig limits(Duration time) {
    return ScriptingConfig.defaults()
        .withMaxCallbackTime(time)
        .withMaxCallbackAllocation(ALLOCATION_LIMIT);
  }

  /** Scripts whose only way to be stopped before the time limit is the allocation limit. */
  private void allocationLimitFirst() {
    scripts = new Scripts(limits(TIME_LIMIT.multipliedBy(10)));
  }

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  private ApplicationScript healthy() throws Exception {
    return scripts.start(
        root.resolve("healthy"), "Client.prototype.ping = function() { return 'pong'; };");
  }

  private static AmfObject lastError(ApplicationScript script, FakeClient client) throws Exception {
    return (AmfObject) await(script.invoke(client, "lastError", List.of()));
  }

  @Test
  void allocationBombIsStoppedWithFileAndLineWhileAnotherApplicationAnswers() throws Exception {
    allocationLimitFirst();
    ApplicationScript bomb =
        scripts.start(
            root.resolve("bomb"),
            ON_STATUS
                + """
                Client.prototype.hoard = function() {
                  var kept = [];
                  for (var i = 0; ; i++) {
                    kept.push("block " + i + new Array(16384).join("x"));
                  }
                };
                """);
    ApplicationScript healthy = healthy();
    FakeClient attacker = new FakeClient("1");
    FakeClient user = new FakeClient("2");
    await(bomb.connect(attacker, List.of()));
    await(healthy.connect(user, List.of()));

    CallFailedException failure = Scripts.callFailure(bomb.invoke(attacker, "hoard", List.of()));

    assertTrue(failure.description().contains("allocated more than"), failure.description());
    AmfObject info = lastError(bomb, attacker);
    assertEquals("Application.Script.Error", info.get("code"));
    assertEquals("main.asc", info.get("filename"));
    double line = (Double) info.get("lineno");
    assertTrue(line >= 7.0 && line <= 9.0, info.toString());
    assertEquals("pong", await(healthy.invoke(user, "ping", List.of())));
    // The instance itself survives: its next call runs with a fresh budget.
    assertEquals(1.0, await(bomb.invoke(attacker, "errorCount", List.of())));
  }

  @Test
  void endlessLoopInOnConnectRejectsThatClientOnly() throws Exception {
    ApplicationScript looping =
        scripts.start(
            root.resolve("loop"),
            ON_STATUS
                + """
                application.onConnect = function(client, name) {
                  if (name == "evil") { while (true) {} }
                  return true;
                };
                """);
    FakeClient attacker = new FakeClient("1");
    FakeClient user = new FakeClient("2");

    assertInstanceOf(
        ConnectDecision.Reject.class, await(looping.connect(attacker, List.of("evil"))));
    assertEquals(new ConnectDecision.Accept(), await(looping.connect(user, List.of("friend"))));

    AmfObject info = lastError(looping, user);
    assertEquals("main.asc", info.get("filename"));
    assertEquals(6.0, info.get("lineno"));
    assertTrue(((String) info.get("description")).contains("runaway"), info.toString());
  }

  @Test
  void endlessLoopInSetIntervalIsStoppedAndTheInstanceKeepsAnswering() throws Exception {
    ApplicationScript looping =
        scripts.start(
            root.resolve("loop"),
            ON_STATUS
                + """
                var ticks = 0;
                var timer = setInterval(function() {
                  ticks++;
                  clearInterval(timer);
                  while (true) {}
                }, 10);
                Client.prototype.ticks = function() { return ticks; };
                """);
    FakeClient client = new FakeClient("1");
    await(looping.connect(client, List.of()));

    // Calls queue behind the stopped timer callback; poll until its error was reported.
    double errors = 0;
    for (int i = 0; i < 200 && errors == 0; i++) {
      errors = (Double) await(looping.invoke(client, "errorCount", List.of()));
      if (errors == 0) {
        Thread.sleep(20);
      }
    }
    AmfObject info = lastError(looping, client);

    assertTrue(info != null, "the runaway timer was never reported");
    assertEquals("main.asc", info.get("filename"));
    assertEquals(9.0, info.get("lineno"));
    assertEquals(1.0, await(looping.invoke(client, "ticks", List.of())));
  }

  @Test
  void javaStaysOutOfReachWhateverTheScriptTries() throws Exception {
    ApplicationScript probe =
        scripts.start(
            root.resolve("probe"),
            """
            var results = [];
            function attempt(label, f) {
              try { results.push(label + ":" + f()); }
              catch (e) { results.push(label + ":" + e.name); }
            }
            attempt("exit", function() { java.lang.System.exit(1); return "ran"; });
            attempt("packages", function() { return Packages.java.lang.Runtime.getRuntime(); });
            attempt("importer", function() { return new JavaImporter(java.io); });
            attempt("importPackage", function() { importPackage(java.io); return "ran"; });
            attempt("adapter", function() { return new JavaAdapter(Object, {}); });
            attempt("getClass", function() { return "".getClass(); });
            attempt("constructor", function() {
              return (function() {}).constructor("return java")();
            });
            attempt("host", function() {
              return typeof application.getClass;
            });
            Client.prototype.results = function() { return results.join(","); };
            """);
    FakeClient client = new FakeClient("1");
    await(probe.connect(client, List.of()));

    assertEquals(
        "exit:ReferenceError,packages:ReferenceError,importer:ReferenceError,"
            + "importPackage:ReferenceError,adapter:ReferenceError,getClass:TypeError,"
            + "constructor:ReferenceError,host:undefined",
        await(probe.invoke(client, "results", List.of())));
  }

  @Test
  void filesOutsideTheApplicationFolderStayOutOfReach() throws Exception {
    ApplicationScript probe =
        scripts.start(
            root.resolve("probe"),
            """
            var results = [];
            function attempt(f) {
              try { results.push(f()); } catch (e) { results.push(e.message); }
            }
            attempt(function() { load("../../etc/passwd"); return "loaded"; });
            attempt(function() { load("/etc/passwd"); return "loaded"; });
            // A leading "/" is the application folder (FMS), which has no etc/passwd.
            attempt(function() { return new File("/etc/passwd").exists; });
            attempt(function() { return new File("../../etc/passwd").exists; });
            Client.prototype.results = function() { return results.join("|"); };
            """);
    FakeClient client = new FakeClient("1");
    await(probe.connect(client, List.of()));

    assertEquals(
        "load: path refused: ../../etc/passwd|load: path refused: /etc/passwd"
            + "|false"
            + "|File: path outside the application folder: ../../etc/passwd",
        await(probe.invoke(client, "results", List.of())));
  }
}
