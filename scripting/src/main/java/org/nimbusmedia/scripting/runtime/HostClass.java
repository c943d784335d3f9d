package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * A host class whose objects only the server creates ({@code Client}, {@code Stream}, {@code
 * SharedObject}): a global constructor that refuses {@code new} and a shared prototype that scripts
 * may extend.
 */
final class HostClass {

  private HostClass() {}

  /** Defines the global {@code name} and returns its constructor; its prototype is given. */
  static Scriptable define(Scriptable scope, String name, Scriptable prototype) {
    BaseFunction constructor =
        new BaseFunction(scope, ScriptableObject.getFunctionPrototype(scope)) {
          private static final long serialVersionUID = 1L;

          @Override
          public Object call(Context c, Scriptable s, Scriptable thisObj, Object[] args) {
            throw Functions.error(name + " objects are created by the server");
          }

          @Override
          public Scriptable construct(Context c, Scriptable s, Object[] args) {
            throw Functions.error(name + " objects are created by the server");
          }

          @Override
          public String getFunctionName() {
            return name;
          }
        };
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
}
