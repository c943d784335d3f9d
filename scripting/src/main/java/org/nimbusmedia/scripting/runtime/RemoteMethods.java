package org.nimbusmedia.scripting.runtime;

import java.util.List;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.amf.AmfConverter;

/**
 * Finds and runs the method a client calls ({@code nc.call("name", ...)}): on the client object,
 * then its prototype chain up to but not including {@code Object.prototype}; a dotted name walks
 * nested objects ({@code "app.createStream"}); a missing member is asked of the object's {@code
 * __resolve(name)} when it has one (FMS 4 SSASLR, Client class).
 */
public final class RemoteMethods {

  private RemoteMethods() {}

  /** The call cannot be made; the message is the description sent to the client. */
  public static final class CallRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CallRefused(String description) {
      super(description, null, false, false);
    }
  }

  /**
   * Calls {@code method} on {@code client} with {@code args} (AMF values) and returns the script
   * value. Script errors propagate as {@link ScriptFailure} once reported.
   */
  public static Object call(
      Context cx,
      Scriptable scope,
      ClientObject client,
      String method,
      AmfConverter amf,
      List<Object> args,
      ScriptThread thread) {
    Scriptable target = client;
    Object member = null;
    String[] path = method.split("\\.", -1);
    for (int i = 0; i < path.length; i++) {
      member = lookup(cx, scope, target, path[i], thread);
      if (i < path.length - 1) {
        if (!(member instanceof Scriptable next) || member instanceof Function) {
          throw notFound(method);
        }
        target = next;
      }
    }
    if (!(member instanceof Function function)) {
      throw notFound(method);
    }
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = amf.toScript(cx, args.get(i));
    }
    Scriptable thisObj = target;
    return thread.runNested(cx, c -> function.call(c, scope, thisObj, values));
  }

  private static Object lookup(
      Context cx, Scriptable scope, Scriptable target, String name, ScriptThread thread) {
    if (name.isEmpty()) {
      return null;
    }
    Scriptable objectPrototype = ScriptableObject.getObjectPrototype(scope);
    for (Scriptable o = target; o != null && o != objectPrototype; o = o.getPrototype()) {
      if (o.has(name, o)) {
        return o.get(name, target);
      }
    }
    Object resolver = ScriptableObject.getProperty(target, "__resolve");
    if (resolver instanceof Function resolve) {
      return thread.runNested(cx, c -> resolve.call(c, scope, target, new Object[] {name}));
    }
    return null;
  }

  private static CallRefused notFound(String method) {
    return new CallRefused("Method not found (" + method + ").");
  }
}
