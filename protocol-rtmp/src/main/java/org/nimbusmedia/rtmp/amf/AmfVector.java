package org.nimbusmedia.rtmp.amf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;

/**
 * An ActionScript 3 {@code Vector} (AMF3 spec section 3.15). The element type decides the Java type
 * of the elements: {@link Integer} for {@code Vector.<int>}, {@link Long} (0 to 2^32-1) for {@code
 * Vector.<uint>}, {@link Double} for {@code Vector.<Number>}, any value for {@code Vector.<Object>}
 * and vectors of a class. Encoders reject an element of the wrong type.
 */
public class AmfVector extends ArrayList<Object> {

  private static final long serialVersionUID = 1L;

  /** The four vector markers of AMF3 spec section 3.15. */
  public enum Type {
    INT,
    UINT,
    DOUBLE,
    OBJECT
  }

  private final Type type;
  private final boolean fixed;
  private final String objectTypeName;

  /**
   * An empty vector.
   *
   * @param type the element type
   * @param fixed whether the vector has a fixed length
   * @param objectTypeName for {@link Type#OBJECT}, the element class alias ({@code ""} or {@code
   *     "*"} for untyped); ignored otherwise
   */
  public AmfVector(Type type, boolean fixed, String objectTypeName) {
    this.type = Objects.requireNonNull(type, "type");
    this.fixed = fixed;
    this.objectTypeName = type == Type.OBJECT ? Objects.requireNonNullElse(objectTypeName, "") : "";
  }

  /** A vector of {@code type} holding {@code elements}, not fixed, untyped objects. */
  public static AmfVector of(Type type, Collection<?> elements) {
    AmfVector vector = new AmfVector(type, false, "");
    vector.addAll(elements);
    return vector;
  }

  /** The element type. */
  public Type type() {
    return type;
  }

  /** Whether the vector has a fixed length. */
  public boolean fixed() {
    return fixed;
  }

  /** For an object vector, the element class alias; {@code ""} otherwise. */
  public String objectTypeName() {
    return objectTypeName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmfVector other
        && type == other.type
        && fixed == other.fixed
        && objectTypeName.equals(other.objectTypeName)
        && super.equals(o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, fixed, objectTypeName, super.hashCode());
  }
}
