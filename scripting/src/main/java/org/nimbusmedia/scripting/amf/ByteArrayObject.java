package org.nimbusmedia.scripting.amf;

import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.rtmp.amf.AmfByteArray;

/**
 * An AMF3 byte array as scripts see it: read-only, {@code length} and the bytes (0 to 255) by
 * index. It goes back to the client as the same byte array.
 */
public final class ByteArrayObject extends ScriptableObject {

  private static final long serialVersionUID = 1L;

  private final transient AmfByteArray bytes;

  ByteArrayObject(Scriptable scope, AmfByteArray bytes) {
    this.bytes = bytes;
    setParentScope(scope);
    setPrototype(ScriptableObject.getObjectPrototype(scope));
  }

  public AmfByteArray bytes() {
    return bytes;
  }

  @Override
  public String getClassName() {
    return "ByteArray";
  }

  @Override
  public Object get(String name, Scriptable start) {
    if ("length".equals(name)) {
      return bytes.length();
    }
    return super.get(name, start);
  }

  @Override
  public Object get(int index, Scriptable start) {
    if (index >= 0 && index < bytes.length()) {
      return bytes.get(index) & 0xFF;
    }
    return NOT_FOUND;
  }

  @Override
  public boolean has(int index, Scriptable start) {
    return index >= 0 && index < bytes.length();
  }

  @Override
  public void put(int index, Scriptable start, Object value) {
    // Read-only: writes are ignored as for any read-only property in JavaScript 1.5.
  }
}
