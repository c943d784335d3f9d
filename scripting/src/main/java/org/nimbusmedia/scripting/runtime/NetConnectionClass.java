package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.CallFailedException;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.host.NetConnectionHost;

/**
 * The server-side {@code NetConnection} class (FMS 4 SSASLR, NetConnection class), delegating to
 * {@link NetConnectionHost}: {@code new NetConnection()}, {@code connect(uri, args...)}, {@code
 * call(method, responder, args...)}, {@code close()}, the properties {@code uri}, {@code
 * isConnected}, {@code objectEncoding} (default 3, as {@code ScriptEngine/NetConnection/
 * ObjectEncoding}), {@code farID}, {@code nearID}, {@code addHeader(name, mustUnderstand, value)}
 * for AMF gateways, and the events {@code onStatus(info)} and calls from the far end, whose return
 * value goes back to the caller.
 */
public final class NetConnectionClass {

  private final Scriptable scope;
  private final NetConnectionHost host;
  private final ScriptThread thread;
  private final AmfConverter amf;
  private final Scriptable prototype;
  private final List<NetConnectionObject> open = new ArrayList<>();

  public NetConnectionClass(
      Context cx, Scriptable scope, NetConnectionHost host, ScriptThread thread, AmfConverter amf) {
    this.scope = scope;
    this.host = host;
    this.thread = thread;
    this.amf = amf;
    this.prototype = cx.newObject(scope);
    HostClass.define(scope, "NetConnection", prototype, args -> create());
    defineMethods();
  }

  /** Closes every connection the script left open; the instance is unloading. */
  public void closeAll() {
    open.forEach(nc -> nc.connection.close());
    open.clear();
  }

  private NetConnectionObject create() {
    NetConnectionObject nc = new NetConnectionObject();
    nc.setParentScope(scope);
    nc.setPrototype(prototype);
    ScriptableObject.putProperty(nc, "objectEncoding", 3.0);
    nc.defineProperty("uri", () -> nc.uri, null, ScriptableObject.READONLY);
    nc.defineProperty("isConnected", () -> nc.connected, null, ScriptableObject.READONLY);
    nc.defineProperty(
        "farID",
        () -> nc.connection == null ? "" : nc.connection.farId(),
        null,
        ScriptableObject.READONLY);
    nc.defineProperty(
        "nearID",
        () -> nc.connection == null ? "" : nc.connection.nearId(),
        null,
        ScriptableObject.READONLY);
    return nc;
  }

  private void defineMethods() {
    define(
        scope,
        prototype,
        "connect",
        1,
        (c, s, thisObj, args) -> {
          NetConnectionObject nc = nc(thisObj);
          if (nc.connection != null) {
            nc.connection.close();
            open.remove(nc);
          }
          nc.uri = string(args, 0);
          nc.connected = false;
          int encoding =
              (int) Context.toNumber(ScriptableObject.getProperty(nc, "objectEncoding")) == 0
                  ? 0
                  : 3;
          nc.connection = host.connect(nc.uri, encoding, amf.toAmf(args, 1), new Events(nc));
          if (nc.connection == null) {
            return false;
          }
          open.add(nc);
          return true;
        });
    define(
        scope,
        prototype,
        "call",
        2,
        (c, s, thisObj, args) -> {
          NetConnectionObject nc = nc(thisObj);
          if (nc.connection == null) {
            return false;
          }
          ClientHandle.CallResultListener listener =
              given(args, 1) && arg(args, 1) instanceof Scriptable responder
                  ? new Responder(responder)
                  : null;
          nc.connection.call(string(args, 0), amf.toAmf(args, 2), listener);
          return true;
        });
    define(
        scope,
        prototype,
        "addHeader",
        3,
        (c, s, thisObj, args) -> {
          NetConnectionObject nc = nc(thisObj);
          if (nc.connection != null) {
            nc.connection.addHeader(
                string(args, 0), Context.toBoolean(arg(args, 1)), amf.toAmf(arg(args, 2)));
          }
          return null;
        });
    define(
        scope,
        prototype,
        "close",
        0,
        (c, s, thisObj, args) -> {
          NetConnectionObject nc = nc(thisObj);
          if (nc.connection != null) {
            nc.connection.close();
            open.remove(nc);
          }
          nc.connected = false;
          return null;
        });
  }

  /**
   * The host connection of a script {@code NetConnection} (for {@code Stream.play(..., remoteNC)}),
   * or null when {@code value} is not a connected-or-connecting one.
   */
  static NetConnectionHost.Connection connectionOf(Object value) {
    return value instanceof NetConnectionObject nc ? nc.connection : null;
  }

  private static NetConnectionObject nc(Scriptable thisObj) {
    if (thisObj instanceof NetConnectionObject nc) {
      return nc;
    }
    throw Functions.error("method called on an object that is not a NetConnection");
  }

  /**
   * Calls {@code target[handler](args)} on the script thread if the script defined it; completes
   * with its return value as an AMF value, or with null when there is no such function.
   */
  private CompletableFuture<Object> deliver(
      Scriptable target, String handler, List<Object> args, Runnable before) {
    return thread.submit(
        cx -> {
          before.run();
          if (!(ScriptableObject.getProperty(target, handler) instanceof Function function)) {
            return null;
          }
          return amf.toAmf(function.call(cx, scope, target, toScript(cx, args)));
        });
  }

  private Object[] toScript(Context cx, List<Object> args) {
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = amf.toScript(cx, args.get(i));
    }
    return values;
  }

  /** One script {@code NetConnection}; its fields change on the script thread only. */
  private static final class NetConnectionObject extends NativeObject {
    private static final long serialVersionUID = 1L;

    private String uri = "";
    private boolean connected;
    private transient NetConnectionHost.Connection connection;

    @Override
    public String getClassName() {
      return "NetConnection";
    }
  }

  /** Connection events, moved onto the script thread. */
  private final class Events implements NetConnectionHost.Listener {
    private final NetConnectionObject nc;

    Events(NetConnectionObject nc) {
      this.nc = nc;
    }

    @Override
    public void onStatus(Map<String, Object> info) {
      Object code = info.get("code");
      deliver(
          nc,
          "onStatus",
          List.of(info),
          () -> {
            if ("NetConnection.Connect.Success".equals(code)) {
              nc.connected = true;
            } else if (code instanceof String text && text.startsWith("NetConnection.Connect.")) {
              nc.connected = false;
            }
          });
    }

    /** A call from the far end: {@code nc[method](args)}, answered with its return value. */
    @Override
    public CompletionStage<Object> onCall(String method, List<Object> args) {
      CompletableFuture<Object> answer = new CompletableFuture<>();
      thread
          .submit(
              cx -> {
                if (!(ScriptableObject.getProperty(nc, method) instanceof Function function)) {
                  answer.completeExceptionally(
                      new CallFailedException("Method not found (" + method + ")."));
                  return null;
                }
                return amf.toAmf(function.call(cx, scope, nc, toScript(cx, args)));
              })
          .whenComplete(
              (value, failure) -> {
                if (answer.isDone()) {
                  return;
                } else if (failure == null) {
                  answer.complete(value);
                } else {
                  answer.completeExceptionally(callFailure(failure));
                }
              });
      return answer;
    }
  }

  private static CallFailedException callFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ScriptFailure scriptFailure) {
      return new CallFailedException(scriptFailure.error().description());
    }
    return new CallFailedException("Application is not available.");
  }

  /** A call's outcome, delivered to the responder's {@code onResult} or {@code onStatus}. */
  private final class Responder implements ClientHandle.CallResultListener {
    private final Scriptable target;

    Responder(Scriptable target) {
      this.target = target;
    }

    @Override
    public void onResult(Object value) {
      deliver(target, "onResult", Collections.singletonList(value), () -> {});
    }

    @Override
    public void onStatus(Object info) {
      deliver(target, "onStatus", Collections.singletonList(info), () -> {});
    }
  }
}
