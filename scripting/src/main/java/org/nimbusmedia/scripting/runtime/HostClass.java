package org.nimbusmedia.scripting.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The constructor of a host class: a shared prototype that scripts may extend, static methods,
 * which may shadow a function's own members ({@code Stream.length}), and either a factory for
 * {@code new} ({@code File}, {@code NetConnection}) or none when only the server creates the
 * objects ({@code Client}, {@code Stream}, {@code SharedObject}).
 */
final class HostClass extends BaseFunction {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final Map<String, Object> statics = new HashMap<>();
  private final transient Function<Object[], Scriptable> factory;

  private HostClass(Scriptable scope, String name, Function<Object[], Scriptable> factory) {
    super(scope, ScriptableObject.getFunctionPrototype(scope));
    this.name = name;
    this.factory = factory;
  }

  /** Defines the global {@code name}, whose objects only the server creates. */
  static HostClass define(Scriptable scope, String name, Scriptable prototype) {
    return define(scope, name, prototype, null);
  }

  /**
   * Defines the global {@code name} with the given prototype; {@code new name(args)} and {@code
   * name(args)} return {@code factory.apply(args)}, or fail when the factory is null.
   */
  static HostClass define(
      Scriptable scope, String name, Scriptable prototype, Function<Object[], Scriptable> factory) {
    HostClass constructor = new HostClass(scope, name, factory);
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
    return construct(cx, scope, args);
  }

  @Override
  public Scriptable construct(Context cx, Scriptable scope, Object[] args) {
    if (factory == null) {
      throw Functions.error(name + " objects are created by the server");
    }
    return factory.apply(args);
  }

  @Override
  public String getFunctionName() {
    return name;
  }
}
