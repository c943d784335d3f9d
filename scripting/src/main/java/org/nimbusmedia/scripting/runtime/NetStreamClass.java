package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.host.NetConnectionHost;

/**
 * The server-side {@code NetStream} class (FMS 4 SSASLR, NetStream class), publish only: {@code new
 * NetStream(nc)}, {@code attach(stream)} picks the local stream to send, {@code publish(name[,
 * type])} sends it to the server at the far end of {@code nc} (multipoint publishing), {@code
 * publish(false)} stops, {@code send(handler, args...)}, {@code close()}, and the event {@code
 * onStatus(info)}. A {@code NetStream} over a connection that cannot carry streams (an AMF gateway)
 * reports {@code NetStream.Failed} when it publishes.
 */
public final class NetStreamClass {

  private final Scriptable scope;
  private final ScriptThread thread;
  private final AmfConverter amf;
  private final Scriptable prototype;
  private final List<NetStreamObject> open = new ArrayList<>();

  public NetStreamClass(Context cx, Scriptable scope, ScriptThread thread, AmfConverter amf) {
    this.scope = scope;
    this.thread = thread;
    this.amf = amf;
    this.prototype = cx.newObject(scope);
    HostClass.define(scope, "NetStream", prototype, this::create);
    defineMethods();
  }

  /** Closes every stream the script left open; the instance is unloading. */
  public void closeAll() {
    open.forEach(ns -> ns.stream.close());
    open.clear();
  }

  private NetStreamObject create(Object[] args) {
    NetStreamObject ns = new NetStreamObject();
    ns.setParentScope(scope);
    ns.setPrototype(prototype);
    NetConnectionHost.Connection connection = NetConnectionClass.connectionOf(arg(args, 0));
    if (connection != null) {
      ns.stream = connection.createStream(info -> onStatus(ns, info));
    }
    if (ns.stream != null) {
      open.add(ns);
    }
    return ns;
  }

  private void onStatus(NetStreamObject ns, Map<String, Object> info) {
    thread.submit(
        cx -> {
          if (ScriptableObject.getProperty(ns, "onStatus") instanceof Function onStatus) {
            onStatus.call(cx, scope, ns, new Object[] {amf.toScript(cx, info)});
          }
          return null;
        });
  }

  private void defineMethods() {
    define(
        scope,
        prototype,
        "attach",
        1,
        (c, s, thisObj, args) -> {
          NetStreamObject ns = ns(thisObj);
          String name = given(args, 0) ? StreamClass.nameOf(arg(args, 0)) : null;
          if (ns.stream == null || (given(args, 0) && name == null && arg(args, 0) != null)) {
            return false;
          }
          ns.stream.attach(name);
          return true;
        });
    define(
        scope,
        prototype,
        "publish",
        2,
        (c, s, thisObj, args) -> {
          NetStreamObject ns = ns(thisObj);
          if (ns.stream == null) {
            onStatus(
                ns,
                Map.of(
                    "level", "error",
                    "code", "NetStream.Failed",
                    "description", "This NetConnection cannot carry streams."));
            return false;
          }
          if (Boolean.FALSE.equals(arg(args, 0))) {
            ns.stream.unpublish();
          } else {
            ns.stream.publish(string(args, 0), given(args, 1) ? string(args, 1) : "live");
          }
          return true;
        });
    define(
        scope,
        prototype,
        "send",
        1,
        (c, s, thisObj, args) -> {
          NetStreamObject ns = ns(thisObj);
          if (ns.stream == null) {
            return false;
          }
          ns.stream.send(string(args, 0), amf.toAmf(args, 1));
          return true;
        });
    define(
        scope,
        prototype,
        "close",
        0,
        (c, s, thisObj, args) -> {
          NetStreamObject ns = ns(thisObj);
          if (ns.stream != null) {
            ns.stream.close();
            open.remove(ns);
          }
          return null;
        });
  }

  private static NetStreamObject ns(Scriptable thisObj) {
    if (thisObj instanceof NetStreamObject ns) {
      return ns;
    }
    throw Functions.error("method called on an object that is not a NetStream");
  }

  /** One script {@code NetStream}. */
  private static final class NetStreamObject extends NativeObject {
    private static final long serialVersionUID = 1L;

    private transient NetConnectionHost.OutgoingStream stream;

    @Override
    public String getClassName() {
      return "NetStream";
    }
  }
}
