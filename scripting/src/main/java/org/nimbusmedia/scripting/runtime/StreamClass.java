package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.number;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.util.HashMap;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.scripting.host.StreamHost;

/**
 * The {@code Stream} class (FMS 4 SSASLR, Stream class), delegating to {@link StreamHost}: {@code
 * Stream.get(name)}, {@code Stream.length(name)}, {@code Stream.destroy(stream)}, and {@code play}
 * (a fifth argument, a {@code NetConnection}, plays a stream of the server at its far end), {@code
 * record}, {@code send} on a stream, whose status events reach {@code stream.onStatus(info)}.
 */
public final class StreamClass {

  private final Scriptable scope;
  private final StreamHost host;
  private final ScriptThread thread;
  private final AmfConverter amf;
  private final Scriptable prototype;
  private final Map<String, HostObject<StreamHost.StreamHandle>> byName = new HashMap<>();

  public StreamClass(
      Context cx, Scriptable scope, StreamHost host, ScriptThread thread, AmfConverter amf) {
    this.scope = scope;
    this.host = host;
    this.thread = thread;
    this.amf = amf;
    this.prototype = cx.newObject(scope);
    HostClass constructor = HostClass.define(scope, "Stream", prototype);
    constructor.defineStatic("get", 1, (c, s, t, args) -> get(c, string(args, 0)));
    constructor.defineStatic("length", 1, (c, s, t, args) -> host.length(string(args, 0)));
    constructor.defineStatic(
        "destroy",
        1,
        (c, s, t, args) -> {
          if (arg(args, 0) instanceof HostObject<?> stream && stream.handle() != null) {
            byName.values().remove(stream);
            ((StreamHost.StreamHandle) stream.handle()).destroy();
            return true;
          }
          return false;
        });
    define(
        scope,
        prototype,
        "play",
        1,
        (c, s, thisObj, args) -> {
          StreamHost.StreamHandle stream = handle(thisObj);
          if (Boolean.FALSE.equals(arg(args, 0))) {
            stream.stop();
            return true;
          }
          NetConnectionHost.Connection remote = NetConnectionClass.connectionOf(arg(args, 4));
          if (remote != null) {
            return stream.play(
                string(args, 0),
                number(args, 1, -2),
                number(args, 2, -1),
                !Boolean.FALSE.equals(arg(args, 3)),
                remote);
          }
          return stream.play(
              string(args, 0),
              number(args, 1, -2),
              number(args, 2, -1),
              !Boolean.FALSE.equals(arg(args, 3)));
        });
    define(
        scope,
        prototype,
        "record",
        1,
        (c, s, thisObj, args) -> {
          StreamHost.StreamHandle stream = handle(thisObj);
          if (!given(args, 0) || Boolean.FALSE.equals(arg(args, 0))) {
            stream.stopRecording();
            return true;
          }
          return stream.record(string(args, 0), number(args, 1, -1), number(args, 2, -1));
        });
    define(
        scope,
        prototype,
        "send",
        1,
        (c, s, thisObj, args) -> handle(thisObj).send(string(args, 0), amf.toAmf(args, 1)));
    defineSwitches();
  }

  private void defineSwitches() {
    define(scope, prototype, "clear", 0, (c, s, thisObj, args) -> handle(thisObj).clear());
    define(
        scope,
        prototype,
        "receiveAudio",
        1,
        (c, s, thisObj, args) -> {
          handle(thisObj).receiveAudio(Context.toBoolean(arg(args, 0)));
          return null;
        });
    define(
        scope,
        prototype,
        "receiveVideo",
        1,
        (c, s, thisObj, args) -> {
          handle(thisObj).receiveVideo(Context.toBoolean(arg(args, 0)));
          return null;
        });
  }

  /** The stream object passed to {@code onPublish}/{@code onUnpublish}. */
  public Scriptable published(Context cx, String name, String queryString) {
    Scriptable stream = get(cx, name);
    if (stream == null) {
      stream = Functions.info(cx, scope, "name", name);
    }
    ScriptableObject.putProperty(stream, "publishQueryString", queryString);
    return stream;
  }

  /** Forgets every stream object; the instance is unloading. */
  public void close() {
    // The instance unloads: its server-side streams stop publishing and playing, as in FMS.
    for (HostObject<StreamHost.StreamHandle> stream : byName.values()) {
      if (stream.handle() != null) {
        stream.handle().destroy();
      }
    }
    byName.clear();
  }

  private Scriptable get(Context cx, String name) {
    HostObject<StreamHost.StreamHandle> existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    StreamHost.StreamHandle handle = host.get(name);
    if (handle == null) {
      return null;
    }
    HostObject<StreamHost.StreamHandle> stream = new HostObject<>("Stream", handle);
    stream.setParentScope(scope);
    stream.setPrototype(prototype);
    ScriptableObject.putProperty(stream, "name", name);
    handle.onStatus(
        info ->
            thread.submit(
                c -> {
                  if (ScriptableObject.getProperty(stream, "onStatus") instanceof Function f) {
                    f.call(c, scope, stream, new Object[] {amf.toScript(c, info)});
                  }
                  return null;
                }));
    byName.put(name, stream);
    return stream;
  }

  /** The name of a script {@code Stream} object ({@code NetStream.attach}), or null. */
  static String nameOf(Object value) {
    return value instanceof HostObject<?> object
            && object.handle() instanceof StreamHost.StreamHandle handle
        ? handle.name()
        : null;
  }

  private static StreamHost.StreamHandle handle(Scriptable thisObj) {
    if (thisObj instanceof HostObject<?> object
        && object.handle() instanceof StreamHost.StreamHandle handle) {
      return handle;
    }
    throw Functions.error("method called on an object that is not a Stream");
  }
}
