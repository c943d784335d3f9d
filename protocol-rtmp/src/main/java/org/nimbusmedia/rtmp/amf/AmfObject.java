package org.nimbusmedia.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ActionScript object: anonymous (AMF0 spec section 2.5, AMF3 spec section 3.12 with an empty
 * class name) or typed (AMF0 spec section 2.18). Members keep their order, because peers and
 * fixtures compare bytes.
 *
 * <p>{@link #traits()} remembers how an AMF3 decoder found the members laid out (sealed or dynamic)
 * so that the object re-encodes to the same bytes; it takes no part in {@link #equals(Object)}.
 */
public class AmfObject extends LinkedHashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  private final String className;
  private AmfTraits traits;

  /** An anonymous object. */
  public AmfObject() {
    this("");
  }

  /**
   * A typed object.
   *
   * @param className the class alias; {@code ""} or {@code null} for an anonymous object
   */
  public AmfObject(String className) {
    this.className = className == null ? "" : className;
  }

  /**
   * An anonymous object from alternating keys and values, e.g. {@code AmfObject.of("code",
   * "NetConnection.Connect.Success", "level", "status")}.
   */
  public static AmfObject of(Object... keysAndValues) {
    return fill(new AmfObject(), keysAndValues);
  }

  /** A typed object from its class alias and alternating keys and values. */
  public static AmfObject typed(String className, Object... keysAndValues) {
    return fill(new AmfObject(className), keysAndValues);
  }

  static <M extends Map<String, Object>> M fill(M map, Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (!(keysAndValues[i] instanceof String key)) {
        throw new IllegalArgumentException("key at " + i + " is not a String");
      }
      map.put(key, keysAndValues[i + 1]);
    }
    return map;
  }

  /** The class alias, {@code ""} for an anonymous object. */
  public String className() {
    return className;
  }

  /** Whether this is an anonymous object. */
  public boolean isAnonymous() {
    return className.isEmpty();
  }

  /**
   * The AMF3 traits this object was decoded with, or {@code null} if it was built in Java or came
   * from AMF0. An AMF3 encoder without traits writes an anonymous object as dynamic and a typed
   * object with every member sealed.
   */
  public AmfTraits traits() {
    return traits;
  }

  /**
   * Sets the AMF3 traits to encode with. Their class name must match this object's.
   *
   * @return this object
   */
  public AmfObject traits(AmfTraits traits) {
    if (traits != null && (traits.externalizable() || !traits.className().equals(className))) {
      throw new IllegalArgumentException("traits do not describe this object: " + traits);
    }
    this.traits = traits;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmfObject other && className.equals(other.className) && super.equals(o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, super.hashCode());
  }

  @Override
  public String toString() {
    return isAnonymous() ? super.toString() : className + super.toString();
  }
}
