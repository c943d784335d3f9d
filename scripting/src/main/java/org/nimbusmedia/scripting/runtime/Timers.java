package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * {@code setInterval(function, ms, p1..pN)}, {@code setInterval(object, "method", ms, p1..pN)},
 * {@code clearInterval(id)}, and their one-shot forms {@code setTimeout}/{@code clearTimeout}.
 * Callbacks run on the instance's script thread; all timers end when the instance unloads.
 */
public final class Timers {

  private final Scriptable scope;
  private final ScriptThread thread;
  private final Map<Integer, ScheduledFuture<?>> timers = new HashMap<>();
  private int lastId;

  public Timers(Scriptable scope, ScriptThread thread) {
    this.scope = scope;
    this.thread = thread;
    define(scope, scope, "setInterval", 2, (cx, s, t, args) -> start(args, true));
    define(scope, scope, "setTimeout", 2, (cx, s, t, args) -> start(args, false));
    define(scope, scope, "clearInterval", 1, (cx, s, t, args) -> clear(arg(args, 0)));
    define(scope, scope, "clearTimeout", 1, (cx, s, t, args) -> clear(arg(args, 0)));
  }

  /** Cancels every timer; called when the instance unloads. */
  public void cancelAll() {
    timers.values().forEach(f -> f.cancel(false));
    timers.clear();
  }

  private Object start(Object[] args, boolean repeat) {
    Scriptable target;
    Function function;
    String method;
    int next;
    if (arg(args, 0) instanceof Function f) {
      target = scope;
      function = f;
      method = null;
      next = 1;
    } else if (arg(args, 0) instanceof Scriptable object
        && arg(args, 1) instanceof CharSequence m) {
      // setInterval(object, "method", ...): the method is looked up at every tick.
      target = object;
      function = null;
      method = m.toString();
      next = 2;
    } else {
      throw Functions.error("setInterval: no function to call");
    }
    long millis = Math.max(1, (long) Context.toNumber(arg(args, next)));
    Object[] extra =
        args.length > next + 1 ? Arrays.copyOfRange(args, next + 1, args.length) : new Object[0];
    int id = ++lastId;
    ScriptThread.Task<Object> tick =
        cx -> {
          if (!repeat) {
            timers.remove(id);
          }
          Object callee =
              function != null ? function : ScriptableObject.getProperty(target, method);
          if (!(callee instanceof Function f)) {
            throw Functions.error("setInterval: " + method + " is not a function");
          }
          return f.call(cx, scope, target, extra);
        };
    timers.put(
        id, repeat ? thread.scheduleRepeating(tick, millis) : thread.scheduleOnce(tick, millis));
    return id;
  }

  private Object clear(Object id) {
    ScheduledFuture<?> timer = timers.remove((int) Context.toNumber(id));
    if (timer != null) {
      timer.cancel(false);
    }
    return null;
  }
}
