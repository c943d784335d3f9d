package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.host.SharedObjectHost;
import org.nimbusmedia.scripting.host.SharedObjectHost.SharedObjectHandle;

/**
 * The server-side {@code SharedObject} class (FMS 4 SSASLR, SharedObject class), delegating to
 * {@link SharedObjectHost}: {@code SharedObject.get(name, persistent)}, {@code
 * SharedObject.commit([name])} and {@code getProperty}, {@code setProperty}, {@code
 * getPropertyNames}, {@code size}, {@code clear}, {@code send}, {@code flush}, {@code lock}, {@code
 * unlock}, {@code mark}, {@code purge}, {@code close}, with the properties {@code version}, {@code
 * autoCommit} and {@code isDirty}; client changes reach {@code so.onSync(list)} and a client {@code
 * so.send(handler, ...)} reaches {@code so[handler](...)}.
 */
public final class SharedObjectClass {

  private final Scriptable scope;
  private final SharedObjectHost host;
  private final ScriptThread thread;
  private final AmfConverter amf;
  private final Scriptable prototype;
  private final Map<String, HostObject<SharedObjectHandle>> byName = new HashMap<>();

  public SharedObjectClass(
      Context cx, Scriptable scope, SharedObjectHost host, ScriptThread thread, AmfConverter amf) {
    this.scope = scope;
    this.host = host;
    this.thread = thread;
    this.amf = amf;
    this.prototype = cx.newObject(scope);
    HostClass constructor = HostClass.define(scope, "SharedObject", prototype);
    constructor.defineStatic(
        "get",
        2,
        (c, s, t, args) -> get(string(args, 0), Context.toBoolean(Functions.arg(args, 1))));
    // SSAS SharedObject.commit([name]): stores dirty persistent objects (autoCommit off).
    constructor.defineStatic(
        "commit",
        1,
        (c, s, t, args) -> host.commit(Functions.given(args, 0) ? string(args, 0) : null));
    define(
        scope,
        prototype,
        "getProperty",
        1,
        (c, s, thisObj, args) -> amf.toScript(c, handle(thisObj).getProperty(string(args, 0))));
    define(
        scope,
        prototype,
        "setProperty",
        2,
        (c, s, thisObj, args) -> {
          Object value = Functions.arg(args, 1);
          return handle(thisObj)
              .setProperty(string(args, 0), Functions.given(args, 1) ? amf.toAmf(value) : null);
        });
    define(
        scope,
        prototype,
        "getPropertyNames",
        0,
        (c, s, thisObj, args) -> c.newArray(scope, handle(thisObj).propertyNames().toArray()));
    define(
        scope,
        prototype,
        "size",
        0,
        (c, s, thisObj, args) -> handle(thisObj).propertyNames().size());
    define(scope, prototype, "clear", 0, (c, s, thisObj, args) -> handle(thisObj).clear());
    define(
        scope,
        prototype,
        "send",
        1,
        (c, s, thisObj, args) -> handle(thisObj).send(string(args, 0), amf.toAmf(args, 1)));
    define(scope, prototype, "flush", 0, (c, s, thisObj, args) -> handle(thisObj).flush());
    define(scope, prototype, "lock", 0, (c, s, thisObj, args) -> (double) handle(thisObj).lock());
    define(
        scope, prototype, "unlock", 0, (c, s, thisObj, args) -> (double) handle(thisObj).unlock());
    define(
        scope,
        prototype,
        "mark",
        1,
        (c, s, thisObj, args) -> handle(thisObj).mark(string(args, 0), amf.toAmf(args, 1)));
    define(
        scope,
        prototype,
        "purge",
        1,
        (c, s, thisObj, args) ->
            handle(thisObj).purge((long) Context.toNumber(Functions.arg(args, 0))));
    define(
        scope,
        prototype,
        "close",
        0,
        (c, s, thisObj, args) -> {
          SharedObjectHandle handle = handle(thisObj);
          byName.values().remove(thisObj);
          handle.close();
          return null;
        });
  }

  /** Closes every handle the script holds; the instance is unloading. */
  public void close() {
    byName.values().forEach(so -> so.handle().close());
    byName.clear();
  }

  private Scriptable get(String name, boolean persistent) {
    String key = (persistent ? "p:" : "t:") + name;
    HostObject<SharedObjectHandle> existing = byName.get(key);
    if (existing != null) {
      return existing;
    }
    SharedObjectHandle handle = host.get(name, persistent);
    if (handle == null) {
      return null;
    }
    HostObject<SharedObjectHandle> so = new HostObject<>("SharedObject", handle);
    so.setParentScope(scope);
    so.setPrototype(prototype);
    ScriptableObject.putProperty(so, "name", name);
    so.defineProperty("version", () -> (double) handle.version(), null, ScriptableObject.READONLY);
    so.defineProperty("isDirty", handle::isDirty, null, ScriptableObject.READONLY);
    so.defineProperty(
        "autoCommit",
        handle::autoCommit,
        value -> handle.setAutoCommit(Context.toBoolean(value)),
        ScriptableObject.PERMANENT);
    handle.setListener(
        new SharedObjectHost.Listener() {
          @Override
          public void onSync(List<Map<String, Object>> changes) {
            deliver(so, "onSync", List.of(List.copyOf(changes)));
          }

          @Override
          public void onSend(String handler, List<Object> args) {
            deliver(so, handler, args);
          }
        });
    byName.put(key, so);
    return so;
  }

  /** Calls {@code so[handler](args)} on the script thread if the script defined it. */
  private void deliver(Scriptable so, String handler, List<Object> args) {
    thread.submit(
        cx -> {
          if (ScriptableObject.getProperty(so, handler) instanceof Function function) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
              values[i] = amf.toScript(cx, args.get(i));
            }
            function.call(cx, scope, so, values);
          }
          return null;
        });
  }

  private static SharedObjectHandle handle(Scriptable thisObj) {
    if (thisObj instanceof HostObject<?> object
        && object.handle() instanceof SharedObjectHandle handle) {
      return handle;
    }
    throw Functions.error("method called on an object that is not a SharedObject");
  }
}
