package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.nio.charset.StandardCharsets;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.nimbusmedia.scripting.host.HttpHost;

/**
 * The HTTP part of {@code LoadVars} and {@code XML} (FMS 4 SSASLR, LoadVars and XML classes):
 * {@code load(url)}, {@code send(url[, target, method])} and {@code sendAndLoad(url, target[,
 * method])}. The request runs on the server's HTTP client; its outcome comes back on the script
 * thread as {@code target.onHTTPStatus(status)} then {@code target.onData(text)}, whose default
 * parses the text ({@code decode} or {@code parseXML}), sets {@code loaded} and calls {@code
 * onLoad(success)}. A failed request calls {@code onData(undefined)}, hence {@code onLoad(false)}.
 */
public final class HttpLoading {

  /** Flash Player's default for both classes ({@code LoadVars.contentType}). */
  private static final String FORM = "application/x-www-form-urlencoded";

  /** The default {@code onData} of each class, as Flash Player defines it. */
  private static final String DEFAULT_HANDLERS =
      """
      (function (prototype, parse) {
        prototype.onData = function (src) {
          if (src === undefined) {
            this.onLoad(false);
            return;
          }
          this[parse](src);
          this.loaded = true;
          this.onLoad(true);
        };
        prototype.onLoad = function (success) {};
      })
      """;

  private final Scriptable scope;
  private final HttpHost http;
  private final ScriptThread thread;

  public HttpLoading(Scriptable scope, HttpHost http, ScriptThread thread) {
    this.scope = scope;
    this.http = http;
    this.thread = thread;
  }

  /**
   * Adds the HTTP methods to the prototype of {@code className}, whose default {@code onData}
   * passes the received text to its method {@code parse}.
   */
  public void install(Context cx, String className, String parse) {
    Scriptable constructor = (Scriptable) ScriptableObject.getProperty(scope, className);
    Scriptable prototype = (Scriptable) ScriptableObject.getProperty(constructor, "prototype");
    Function handlers =
        (Function) cx.evaluateString(scope, DEFAULT_HANDLERS, "nimbus:http.js", 1, null);
    handlers.call(cx, scope, scope, new Object[] {prototype, parse});
    ScriptableObject.putProperty(prototype, "contentType", FORM);
    Functions.define(
        scope,
        prototype,
        "load",
        1,
        (c, s, thisObj, args) -> start(HttpHost.Request.get(string(args, 0)), thisObj));
    Functions.define(
        scope, prototype, "send", 3, (c, s, thisObj, args) -> start(request(thisObj, args), null));
    Functions.define(
        scope,
        prototype,
        "sendAndLoad",
        3,
        (c, s, thisObj, args) ->
            given(args, 1) && arg(args, 1) instanceof Scriptable target
                ? start(request(thisObj, args), target)
                : false);
  }

  /**
   * The request of {@code send} and {@code sendAndLoad}: the object's {@code toString()} as a POST
   * body, or as the query string when the method is {@code "GET"}.
   */
  private static HttpHost.Request request(Scriptable source, Object[] args) {
    String url = string(args, 0);
    String body = Context.toString(source);
    if ("GET".equalsIgnoreCase(given(args, 2) ? Context.toString(arg(args, 2)) : "POST")) {
      String query = body.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + body;
      return HttpHost.Request.get(url + query);
    }
    String contentType = Context.toString(ScriptableObject.getProperty(source, "contentType"));
    return new HttpHost.Request("POST", url, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts the request; false, as in Flash Player, when there is no URL. */
  private boolean start(HttpHost.Request request, Scriptable target) {
    if (request.url().isEmpty()) {
      return false;
    }
    if (target != null) {
      ScriptableObject.putProperty(target, "loaded", false);
    }
    http.send(
        request,
        new HttpHost.Listener() {
          @Override
          public void onResponse(int status, byte[] body) {
            deliver(target, status, text(body));
          }

          @Override
          public void onFailure(String reason) {
            deliver(target, 0, Undefined.instance);
          }
        });
    return true;
  }

  /** UTF-8 text without a byte order mark, as Flash Player reads loaded data. */
  private static String text(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private void deliver(Scriptable target, int status, Object data) {
    if (target == null) {
      return;
    }
    thread.submit(
        cx -> {
          if (ScriptableObject.getProperty(target, "onHTTPStatus") instanceof Function onStatus) {
            onStatus.call(cx, scope, target, new Object[] {(double) status});
          }
          if (ScriptableObject.getProperty(target, "onData") instanceof Function onData) {
            onData.call(cx, scope, target, new Object[] {data});
          }
          return null;
        });
  }
}
