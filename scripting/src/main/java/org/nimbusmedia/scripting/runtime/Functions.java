package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/** Small helpers for host functions written in Java. */
final class Functions {

  private Functions() {}

  /** Defines a non-enumerable function property implemented by {@code body}. */
  static void define(Scriptable scope, Scriptable target, String name, int arity, Callable body) {
    ScriptableObject.defineProperty(
        target, name, function(scope, name, arity, body), ScriptableObject.DONTENUM);
  }

  /**
   * A script function implemented by {@code body}. A Java exception from the body (a host that
   * fails) becomes a script {@code Error} with its message, which the script can catch; Rhino would
   * otherwise let it pass every script {@code catch}.
   */
  static LambdaFunction function(Scriptable scope, String name, int arity, Callable body) {
    Callable guarded =
        (cx, s, thisObj, args) -> {
          try {
            return body.call(cx, s, thisObj, args);
          } catch (RhinoException e) {
            throw e;
          } catch (RuntimeException e) {
            throw error(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
          }
        };
    return new LambdaFunction(scope, name, arity, guarded);
  }

  /** Argument {@code i}, or {@code undefined} when the script passed fewer. */
  static Object arg(Object[] args, int i) {
    return i < args.length ? args[i] : Undefined.instance;
  }

  static boolean given(Object[] args, int i) {
    return i < args.length && args[i] != null && args[i] != Undefined.instance;
  }

  static String string(Object[] args, int i) {
    return Context.toString(arg(args, i));
  }

  static double number(Object[] args, int i, double absent) {
    return given(args, i) ? Context.toNumber(args[i]) : absent;
  }

  /** An object with the given members, e.g. an information object for {@code onStatus}. */
  static Scriptable info(Context cx, Scriptable scope, Object... keysAndValues) {
    Scriptable result = cx.newObject(scope);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      ScriptableObject.putProperty(result, (String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return result;
  }

  /** A script {@code Error} (catchable; reported with the calling script's file and line). */
  static RuntimeException error(String message) {
    return ScriptRuntime.constructError("Error", message);
  }
}
