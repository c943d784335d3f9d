package org.nimbusmedia.scripting.amf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The class aliases of {@code application.registerClass(name, constructor)}: a typed object named
 * {@code name} takes {@code constructor.prototype}, and an object whose prototype is that one is
 * sent typed. Used on the script thread only.
 */
public final class ClassRegistry {

  private final Map<String, Function> constructors = new LinkedHashMap<>();

  /** Registers {@code constructor} for {@code name}; a null constructor unregisters it. */
  public void register(String name, Function constructor) {
    if (constructor == null) {
      constructors.remove(name);
    } else {
      constructors.put(name, constructor);
    }
  }

  /** The prototype of the constructor registered for {@code name}, or null. */
  Scriptable prototypeOf(String name) {
    Function constructor = constructors.get(name);
    if (constructor == null) {
      return null;
    }
    Object prototype = ScriptableObject.getProperty(constructor, "prototype");
    return prototype instanceof Scriptable scriptable ? scriptable : null;
  }

  /** The alias of the class whose prototype {@code object} has, or {@code ""}. */
  String aliasOf(Scriptable object) {
    Scriptable prototype = object.getPrototype();
    if (prototype == null) {
      return "";
    }
    for (Map.Entry<String, Function> entry : constructors.entrySet()) {
      if (ScriptableObject.getProperty(entry.getValue(), "prototype") == prototype) {
        return entry.getKey();
      }
    }
    return "";
  }
}
