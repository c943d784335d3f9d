package org.nimbusmedia.scripting.runtime;

import java.util.HashMap;
import java.util.Map;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The constructor of a host class whose objects only the server creates ({@code Client}, {@code
 * Stream}, {@code SharedObject}): it refuses {@code new}, carries a shared prototype that scripts
 * may extend, and static methods, which may shadow a function's own members ({@code
 * Stream.length}).
 */
final class HostClass extends BaseFunction {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final Map<String, Object> statics = new HashMap<>();

  private HostClass(Scriptable scope, String name) {
    super(scope, ScriptableObject.getFunctionPrototype(scope));
    this.name = name;
  }

  /** Defines the global {@code name} with the given prototype and returns its constructor. */
  static HostClass define(Scriptable scope, String name, Scriptable prototype) {
    HostClass constructor = new HostClass(scope, name);
    ScriptableObject.defineProperty(
        constructor,
        "prototype",
        prototype,
        ScriptableObject.DONTENUM | ScriptableObject.PERMANENT | ScriptableObject.READONLY);
    ScriptableObject.defineProperty(
        prototype, "constructor", constructor, ScriptableObject.DONTENUM);
    ScriptableObject.defineProperty(scope, name, constructor, ScriptableObject.DONTENUM);
    return constructor;
  }

  /** Defines a static method, e.g. {@code Stream.get}. */
  void defineStatic(String method, int arity, Callable body) {
    statics.put(method, Functions.function(getParentScope(), method, arity, body));
  }

  @Override
  public Object get(String member, Scriptable start) {
    Object value = statics.get(member);
    return value != null ? value : super.get(member, start);
  }

  @Override
  public boolean has(String member, Scriptable start) {
    return statics.containsKey(member) || super.has(member, start);
  }

  @Override
  public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
    throw Functions.error(name + " objects are created by the server");
  }

  @Override
  public Scriptable construct(Context cx, Scriptable scope, Object[] args) {
    throw Functions.error(name + " objects are created by the server");
  }

  @Override
  public String getFunctionName() {
    return name;
  }
}
