package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.scripting.Scripts.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.runtime.ScriptFailure;
import org.slf4j.LoggerFactory;

/**
 * Script errors: logged with file and line, passed to {@code application.onStatus} as {@code
 * Application.Script.Error} with filename, lineno, linebuf and description (reference section
 * 1.10); the instance keeps running. Runaway callbacks are stopped the same way.
 */
class ScriptErrorTest {

  /** Keeps every onStatus info object so that a client can fetch the last one. */
  private static final String ON_STATUS =
      """
      var errors = [];
      application.onStatus = function(info) { errors.push(info); };
      Client.prototype.lastError = function() { return errors[errors.length - 1]; };
      Client.prototype.errorCount = function() { return errors.length; };
      """;

  private Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void runtimeErrorInAHandlerReachesOnStatusWithFileAndLine() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            ON_STATUS
                + """
                Client.prototype.broken = function() {
                  var user = null;
                  return user.name;
                };
                """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    Scripts.callFailure(script.invoke(client, "broken", List.of()));
    AmfObject info = (AmfObject) await(script.invoke(client, "lastError", List.of()));

    assertEquals("Application.Script.Error", info.get("code"));
    assertEquals("error", info.get("level"));
    assertEquals("main.asc", info.get("filename"));
    assertEquals(7.0, info.get("lineno"));
    assertEquals("  return user.name;", info.get("linebuf"));
    assertTrue(((String) info.get("description")).contains("TypeError"), info.toString());
  }

  @Test
  void errorInTopLevelCodeIsReportedAndTheInstanceRuns() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("nimbus.app.app/_definst_");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      ApplicationScript script =
          scripts.start(
              root,
              ON_STATUS
                  + """
                  undefinedFunction();
                  """);
      FakeClient client = new FakeClient("1");
      await(script.started());
      assertEquals(new ConnectDecision.Accept(), await(script.connect(client, List.of())));

      AmfObject info = (AmfObject) await(script.invoke(client, "lastError", List.of()));
      assertEquals(5.0, info.get("lineno"));
      assertEquals("undefinedFunction();", info.get("linebuf"));
      assertTrue(
          log.list.stream()
              .anyMatch(
                  e ->
                      e.getFormattedMessage().startsWith("main.asc:5: ReferenceError")
                          && e.getFormattedMessage().contains("undefinedFunction();")),
          () -> log.list.toString());
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void syntaxErrorFailsTheStartAndRejectsConnects() throws Exception {
    ApplicationScript script = scripts.start(root, "var ok = 1;\nvar broken = ;\nvar after = 2;\n");

    Throwable failure = Scripts.failure(script.started());
    ConnectDecision decision = await(script.connect(new FakeClient("1"), List.of()));

    assertTrue(failure.getMessage().contains("syntax error"), failure.getMessage());
    assertEquals(
        "var broken = ;", assertInstanceOf(ScriptFailure.class, failure).error().linebuf());
    ConnectDecision.Reject reject = assertInstanceOf(ConnectDecision.Reject.class, decision);
    assertEquals("Script error in main.asc line 2.", reject.description());
  }

  @Test
  void errorInOnConnectRejectsThatConnectOnly() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            application.onConnect = function(client, name) {
              if (name == "bad") nothing.here();
              return true;
            };
            """);

    assertInstanceOf(
        ConnectDecision.Reject.class, await(script.connect(new FakeClient("1"), List.of("bad"))));
    assertEquals(
        new ConnectDecision.Accept(), await(script.connect(new FakeClient("2"), List.of("good"))));
  }

  @Test
  void infiniteLoopIsStoppedWhileAnotherInstanceKeepsWorking() throws Exception {
    scripts = new Scripts(ScriptingConfig.defaults().withMaxCallbackTime(Duration.ofMillis(500)));
    ApplicationScript looping =
        scripts.start(
            root.resolve("loop"),
            ON_STATUS
                + """
                Client.prototype.spin = function() {
                  var n = 0;
                  while (true) { try { n++; } catch (e) { } }
                };
                """);
    ApplicationScript healthy =
        scripts.start(
            root.resolve("healthy"), "Client.prototype.ping2 = function() { return 1; };");
    FakeClient spinner = new FakeClient("1");
    FakeClient other = new FakeClient("2");
    await(looping.connect(spinner, List.of()));
    await(healthy.connect(other, List.of()));

    var spin = looping.invoke(spinner, "spin", List.of());
    for (int i = 0; i < 20; i++) {
      assertEquals(1.0, await(healthy.invoke(other, "ping2", List.of())));
    }
    CallFailedException failure = Scripts.callFailure(spin);

    assertTrue(failure.description().contains("runaway"), failure.description());
    AmfObject info = (AmfObject) await(looping.invoke(spinner, "lastError", List.of()));
    assertEquals("main.asc", info.get("filename"));
    assertEquals(
        true,
        (Double) info.get("lineno") >= 6.0 && (Double) info.get("lineno") <= 7.0,
        info.toString());
    assertEquals(1.0, await(looping.invoke(spinner, "errorCount", List.of())));
  }

  @Test
  void runawayRecursionIsAScriptError() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            ON_STATUS
                + """
                Client.prototype.deep = function(n) { return this.deep(n + 1); };
                """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    CallFailedException failure = Scripts.callFailure(script.invoke(client, "deep", List.of(0)));

    assertTrue(failure.description().contains("stack"), failure.description());
    assertEquals(1.0, await(script.invoke(client, "errorCount", List.of())));
  }

  @Test
  void aLoopInAFinallyBlockIsStoppedToo() throws Exception {
    scripts = new Scripts(ScriptingConfig.defaults().withMaxCallbackTime(Duration.ofMillis(300)));
    ApplicationScript script =
        scripts.start(
            root,
            ON_STATUS
                + """
                Client.prototype.stubborn = function() {
                  try { while (true) {} } finally { while (true) {} }
                };
                Client.prototype.alive = function() { return "alive"; };
                """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    Scripts.callFailure(script.invoke(client, "stubborn", List.of()));

    assertEquals("alive", await(script.invoke(client, "alive", List.of())));
  }
}
