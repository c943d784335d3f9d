package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.number;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.host.ClientHandle;

/**
 * The {@code Client} class of SSAS: a constructor that scripts cannot call, {@code
 * Client.prototype} shared by every client (the usual place for remote methods) and the native
 * methods {@code call}, {@code ping}, {@code getStats}, {@code getBandwidthLimit}, {@code
 * setBandwidthLimit} and {@code checkBandwidth}.
 */
public final class ClientClass {

  private final Scriptable scope;
  private final ScriptThread thread;
  private final AmfConverter amf;
  private final Scriptable prototype;

  public ClientClass(Context cx, Scriptable scope, ScriptThread thread, AmfConverter amf) {
    this.scope = scope;
    this.thread = thread;
    this.amf = amf;
    this.prototype = cx.newObject(scope);
    HostClass.define(scope, "Client", prototype);
    defineMethods();
  }

  /** A new client object for a connection, with the connection's properties. */
  public ClientObject create(Context cx, ClientHandle handle) {
    ClientObject client = new ClientObject(handle);
    client.setParentScope(scope);
    client.setPrototype(prototype);
    put(client, "id", handle.id());
    put(client, "ip", handle.ip());
    put(client, "agent", handle.agent());
    put(client, "protocol", handle.protocol());
    put(client, "referrer", handle.referrer());
    put(client, "pageUrl", handle.pageUrl());
    put(client, "uri", handle.uri());
    put(client, "farID", handle.farId());
    put(client, "nearID", handle.nearId());
    put(client, "farNonce", handle.farNonce());
    put(client, "nearNonce", handle.nearNonce());
    put(client, "virtualKey", "");
    put(client, "audioSampleAccess", "");
    put(client, "videoSampleAccess", "");
    client.defineProperty(
        "readAccess",
        client::readAccess,
        value -> client.setReadAccess(Context.toString(value)),
        ScriptableObject.EMPTY);
    client.defineProperty(
        "writeAccess",
        client::writeAccess,
        value -> client.setWriteAccess(Context.toString(value)),
        ScriptableObject.EMPTY);
    return client;
  }

  private static void put(Scriptable target, String name, String value) {
    ScriptableObject.putProperty(target, name, value == null ? "" : value);
  }

  private void defineMethods() {
    define(
        scope,
        prototype,
        "call",
        2,
        (cx, s, thisObj, args) -> {
          ClientObject client = client(thisObj);
          String method = string(args, 0);
          Object responder = arg(args, 1);
          ClientHandle.CallResultListener listener =
              given(args, 1) && responder instanceof Scriptable target
                  ? new Responder(target)
                  : null;
          client.handle().call(method, amf.toAmf(args, 2), listener);
          return Boolean.TRUE;
        });
    define(scope, prototype, "ping", 0, (cx, s, thisObj, args) -> client(thisObj).handle().ping());
    define(
        scope,
        prototype,
        "getStats",
        0,
        (cx, s, thisObj, args) -> amf.toScript(cx, client(thisObj).handle().stats()));
    define(
        scope,
        prototype,
        "getBandwidthLimit",
        1,
        (cx, s, thisObj, args) ->
            (double) client(thisObj).handle().bandwidthLimit((int) number(args, 0, 0)));
    define(
        scope,
        prototype,
        "setBandwidthLimit",
        2,
        (cx, s, thisObj, args) -> {
          client(thisObj)
              .handle()
              .setBandwidthLimit((long) number(args, 0, 0), (long) number(args, 1, 0));
          return null;
        });
    define(
        scope,
        prototype,
        "checkBandwidth",
        0,
        (cx, s, thisObj, args) -> {
          client(thisObj).handle().checkBandwidth();
          return null;
        });
  }

  private static ClientObject client(Scriptable thisObj) {
    if (thisObj instanceof ClientObject client) {
      return client;
    }
    throw Functions.error("method called on an object that is not a Client");
  }

  /**
   * Delivers a call's outcome to the script's responder object on the script thread: {@code
   * onResult(value)} or {@code onStatus(info)}.
   */
  private final class Responder implements ClientHandle.CallResultListener {

    private final Scriptable target;

    Responder(Scriptable target) {
      this.target = target;
    }

    @Override
    public void onResult(Object value) {
      deliver("onResult", value);
    }

    @Override
    public void onStatus(Object info) {
      deliver("onStatus", info);
    }

    private void deliver(String handler, Object value) {
      thread.submit(
          cx -> {
            Object function = ScriptableObject.getProperty(target, handler);
            if (function instanceof Function f) {
              f.call(cx, scope, target, new Object[] {amf.toScript(cx, value)});
            }
            return null;
          });
    }
  }
}
