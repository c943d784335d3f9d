package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.util.HashMap;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.host.MeetingHost;
import org.nimbusmedia.scripting.host.MeetingHost.MeetingHandle;

/**
 * Nimbus's {@code Meeting} class and {@code application.getMeeting(name)}: {@code
 * meeting.join(client, {name, stream})}, {@code leave(client)}, {@code setPolicy({meshLimit,
 * topology})}, {@code getParticipants()}, {@code reportDirect(client, publisherId, subscriberId,
 * playing)}, {@code getStats()}, and the properties {@code name}, {@code topology} and {@code
 * meshLimit} (writable: a shortcut for {@code setPolicy}).
 */
public final class MeetingClass {

  private final Scriptable scope;
  private final MeetingHost host;
  private final Scriptable prototype;
  private final Map<String, HostObject<MeetingHandle>> byName = new HashMap<>();

  public MeetingClass(
      Context cx, Scriptable scope, Scriptable application, MeetingHost host, AmfConverter amf) {
    this.scope = scope;
    this.host = host;
    this.prototype = cx.newObject(scope);
    HostClass.define(scope, "Meeting", prototype);
    define(scope, application, "getMeeting", 1, (c, s, t, args) -> get(string(args, 0)));
    define(
        scope,
        prototype,
        "join",
        2,
        (c, s, thisObj, args) -> {
          ClientHandle client = client(args);
          Object info = arg(args, 1);
          Object name = member(info, "name");
          Object stream = member(info, "stream");
          return handle(thisObj)
              .join(
                  client,
                  name == null ? "" : Context.toString(name),
                  stream == null ? "" : Context.toString(stream));
        });
    define(
        scope, prototype, "leave", 1, (c, s, thisObj, args) -> handle(thisObj).leave(client(args)));
    define(
        scope,
        prototype,
        "setPolicy",
        1,
        (c, s, thisObj, args) -> {
          Object policy = arg(args, 0);
          Object limit = member(policy, "meshLimit");
          Object topology = member(policy, "topology");
          handle(thisObj)
              .setPolicy(
                  limit == null ? null : (int) Context.toNumber(limit),
                  topology == null ? null : Context.toString(topology));
          return null;
        });
    define(
        scope,
        prototype,
        "getParticipants",
        0,
        (c, s, thisObj, args) -> amf.toScript(c, handle(thisObj).participants()));
    define(
        scope,
        prototype,
        "reportDirect",
        4,
        (c, s, thisObj, args) ->
            handle(thisObj)
                .reportDirect(
                    client(args),
                    string(args, 1),
                    string(args, 2),
                    Context.toBoolean(arg(args, 3))));
    define(
        scope,
        prototype,
        "getStats",
        0,
        (c, s, thisObj, args) -> amf.toScript(c, handle(thisObj).stats()));
  }

  private Scriptable get(String name) {
    HostObject<MeetingHandle> existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    MeetingHandle handle = host.get(name);
    if (handle == null) {
      return null;
    }
    HostObject<MeetingHandle> meeting = new HostObject<>("Meeting", handle);
    meeting.setParentScope(scope);
    meeting.setPrototype(prototype);
    ScriptableObject.putProperty(meeting, "name", name);
    meeting.defineProperty("topology", handle::topology, null, ScriptableObject.READONLY);
    meeting.defineProperty(
        "meshLimit",
        () -> (double) handle.meshLimit(),
        value -> handle.setPolicy((int) Context.toNumber(value), null),
        ScriptableObject.PERMANENT);
    byName.put(name, meeting);
    return meeting;
  }

  /** A member of a script object; null when it is missing, null or undefined. */
  private static Object member(Object object, String name) {
    if (!(object instanceof Scriptable s)) {
      return null;
    }
    Object value = ScriptableObject.getProperty(s, name);
    return value == Scriptable.NOT_FOUND || value == Undefined.instance ? null : value;
  }

  private static ClientHandle client(Object[] args) {
    if (arg(args, 0) instanceof ClientObject client) {
      return client.handle();
    }
    throw Functions.error("a meeting needs a Client object");
  }

  private static MeetingHandle handle(Scriptable thisObj) {
    if (thisObj instanceof HostObject<?> object && object.handle() instanceof MeetingHandle h) {
      return h;
    }
    throw Functions.error("method called on an object that is not a Meeting");
  }
}
