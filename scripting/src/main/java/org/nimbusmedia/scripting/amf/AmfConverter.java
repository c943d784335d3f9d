package org.nimbusmedia.scripting.amf;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.nimbusmedia.rtmp.amf.AmfByteArray;
import org.nimbusmedia.rtmp.amf.AmfDate;
import org.nimbusmedia.rtmp.amf.AmfDictionary;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.AmfObjectProxy;
import org.nimbusmedia.rtmp.amf.AmfUndefined;
import org.nimbusmedia.rtmp.amf.AmfXml;
import org.nimbusmedia.rtmp.amf.AmfXmlDocument;

/**
 * Converts AMF values to script values and back for one instance's scope. Used on the script
 * thread, inside a context.
 *
 * <p>Mapping (AMF to script): {@link AmfUndefined} to {@code undefined}; every number type to a
 * number; {@link AmfObject} to an object, with the registered prototype when its class alias is
 * registered; {@link AmfEcmaArray} and strict arrays ({@link List}) to arrays; {@link AmfDate} to
 * {@code Date}; XML to its text (JavaScript 1.5 has no XML type); {@link AmfByteArray} to {@link
 * ByteArrayObject}. Back: dense arrays become strict arrays, arrays with holes or named members
 * become ECMA arrays (as Flash Player writes them), functions are left out of objects, and an
 * object met again on its own path (a cycle, which AMF values cannot hold) becomes {@code null}.
 */
public final class AmfConverter {

  private final Scriptable scope;
  private final ClassRegistry classes;

  public AmfConverter(Scriptable scope, ClassRegistry classes) {
    this.scope = scope;
    this.classes = classes;
  }

  /** An AMF value as a script value. */
  public Object toScript(Context cx, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof AmfUndefined) {
      return Undefined.instance;
    }
    if (value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof AmfObject object) {
      Scriptable result = cx.newObject(scope);
      Scriptable prototype = object.isAnonymous() ? null : classes.prototypeOf(object.className());
      if (prototype != null) {
        result.setPrototype(prototype);
      }
      fill(cx, result, object);
      return result;
    }
    if (value instanceof AmfEcmaArray ecma) {
      Scriptable result = cx.newArray(scope, 0);
      List<Object> dense = ecma.dense();
      for (int i = 0; i < dense.size(); i++) {
        result.put(i, result, toScript(cx, dense.get(i)));
      }
      fill(cx, result, ecma);
      return result;
    }
    if (value instanceof List<?> list) {
      Object[] elements = new Object[list.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = toScript(cx, list.get(i));
      }
      return cx.newArray(scope, elements);
    }
    if (value instanceof AmfDate date) {
      return cx.newObject(scope, "Date", new Object[] {date.millis()});
    }
    if (value instanceof AmfByteArray bytes) {
      return new ByteArrayObject(scope, bytes);
    }
    if (value instanceof AmfXml xml) {
      return xml.xml();
    }
    if (value instanceof AmfXmlDocument xml) {
      return xml.xml();
    }
    if (value instanceof AmfObjectProxy proxy) {
      return toScript(cx, proxy.target());
    }
    if (value instanceof AmfDictionary dictionary) {
      Scriptable result = cx.newObject(scope);
      dictionary.forEach((k, v) -> put(result, String.valueOf(k), toScript(cx, v)));
      return result;
    }
    if (value instanceof Map<?, ?> map) {
      Scriptable result = cx.newObject(scope);
      map.forEach((k, v) -> put(result, String.valueOf(k), toScript(cx, v)));
      return result;
    }
    return Undefined.instance;
  }

  /** Script values (e.g. call arguments) as AMF values. */
  public List<Object> toAmf(Object[] values, int from) {
    List<Object> result = new ArrayList<>();
    for (int i = from; i < values.length; i++) {
      result.add(toAmf(values[i]));
    }
    return result;
  }

  /** A script value as an AMF value. */
  public Object toAmf(Object value) {
    return toAmf(value, new IdentityHashMap<>());
  }

  private Object toAmf(Object value, IdentityHashMap<Object, Boolean> path) {
    if (value == null) {
      return null;
    }
    if (value == Undefined.instance || value == Scriptable.NOT_FOUND || value instanceof Function) {
      return AmfUndefined.INSTANCE;
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof ByteArrayObject bytes) {
      return bytes.bytes();
    }
    if (!(value instanceof Scriptable object)) {
      return AmfUndefined.INSTANCE;
    }
    if ("Date".equals(object.getClassName())) {
      return new AmfDate(Context.toNumber(object));
    }
    if (path.put(object, Boolean.TRUE) != null) {
      return null;
    }
    try {
      if (object instanceof NativeArray array) {
        return arrayToAmf(array, path);
      }
      AmfObject result = new AmfObject(classes.aliasOf(object));
      for (Object id : object.getIds()) {
        Object member = ScriptableObject.getProperty(object, id.toString());
        if (!(member instanceof Function)) {
          result.put(id.toString(), toAmf(member, path));
        }
      }
      return result;
    } finally {
      path.remove(object);
    }
  }

  private Object arrayToAmf(NativeArray array, IdentityHashMap<Object, Boolean> path) {
    Object[] ids = array.getIds();
    long length = array.getLength();
    boolean dense = ids.length == length;
    for (Object id : ids) {
      dense &= id instanceof Integer;
    }
    if (dense) {
      List<Object> result = new ArrayList<>((int) length);
      for (int i = 0; i < length; i++) {
        result.add(toAmf(array.get(i, array), path));
      }
      return result;
    }
    AmfEcmaArray result = new AmfEcmaArray();
    for (Object id : ids) {
      Object member =
          id instanceof Integer index ? array.get(index, array) : array.get(id.toString(), array);
      if (!(member instanceof Function)) {
        result.put(id.toString(), toAmf(member, path));
      }
    }
    return result;
  }

  private void fill(Context cx, Scriptable target, Map<String, Object> members) {
    members.forEach((k, v) -> put(target, k, toScript(cx, v)));
  }

  private static void put(Scriptable target, String key, Object value) {
    int index = arrayIndex(key);
    if (index >= 0) {
      target.put(index, target, value);
    } else {
      target.put(key, target, value);
    }
  }

  private static int arrayIndex(String key) {
    if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < key.length(); i++) {
      if (!Character.isDigit(key.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(key);
  }
}
