package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LoadVars} and {@code XML} over HTTP through {@code HttpHost} (FMS 4 SSASLR). */
class HttpLoadingTest {

  private static final String SCRIPT =
      """
      var log = [];
      function report(name, target) {
        target.onHTTPStatus = function (status) { log.push(name + " status " + status); };
        target.onLoad = function (ok) { log.push(name + " " + ok + " " + this.loaded); };
        return target;
      }
      var vars = report("vars", new LoadVars());
      vars.load("http://127.0.0.1/vars.txt");
      var form = new LoadVars();
      form.user = "alice";
      form.room = "a b";
      var reply = report("reply", new LoadVars());
      form.sendAndLoad("http://127.0.0.1/login", reply);
      var doc = report("xml", new XML());
      doc.ignoreWhite = true;
      doc.load("http://127.0.0.1/feed.xml");
      var lost = report("lost", new LoadVars());
      lost.load("http://127.0.0.1/down");
      var query = new LoadVars();
      query.q = "x";
      query.send("http://127.0.0.1/ping?a=1", null, "GET");
      Client.prototype.log = function () {
        return log.join(",") + "|" + vars.token + "|" + reply.welcome + "|"
            + doc.firstChild.firstChild.nodeName + "=" + doc.firstChild.firstChild.firstChild.nodeValue;
      };
      """;

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void loadsReachOnHttpStatusOnDataAndOnLoadOnTheScriptThread() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(root, "main.asc", SCRIPT);
    ApplicationScript script = scripts.start(host);
    await(script.started());

    FakeHost.HttpCall vars = next(host);
    assertEquals("GET http://127.0.0.1/vars.txt", line(vars));
    FakeHost.HttpCall login = next(host);
    assertEquals("POST http://127.0.0.1/login", line(login));
    assertEquals("application/x-www-form-urlencoded", login.request().contentType());
    assertArrayEquals(
        "user=alice&room=a%20b".getBytes(StandardCharsets.UTF_8), login.request().body());
    FakeHost.HttpCall feed = next(host);
    assertEquals("GET http://127.0.0.1/feed.xml", line(feed));
    FakeHost.HttpCall down = next(host);
    FakeHost.HttpCall ping = next(host);
    assertEquals("GET http://127.0.0.1/ping?a=1&q=x", line(ping));

    vars.listener().onResponse(200, "\uFEFFtoken=abc%21".getBytes(StandardCharsets.UTF_8));
    login.listener().onResponse(403, "welcome=no".getBytes(StandardCharsets.UTF_8));
    feed.listener()
        .onResponse(200, "<feed>\n  <title>news</title>\n</feed>".getBytes(StandardCharsets.UTF_8));
    down.listener().onFailure("connection refused");

    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    assertEquals(
        "vars status 200,vars true true,reply status 403,reply true true,"
            + "xml status 200,xml true true,lost status 0,lost false false"
            + "|abc!|no|title=news",
        await(script.invoke(client, "log", List.of())));
  }

  private static FakeHost.HttpCall next(FakeHost host) throws InterruptedException {
    FakeHost.HttpCall call = host.httpCalls.poll(20, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("the script sent no request");
    }
    return call;
  }

  private static String line(FakeHost.HttpCall call) {
    return call.request().method() + " " + call.request().url();
  }
}
