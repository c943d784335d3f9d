package org.nimbusmedia.rtmp.amf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * An ActionScript {@code Array} used as an associative array: the AMF0 ECMA array (AMF0 spec
 * section 2.10) and the AMF3 array with an associative part (AMF3 spec section 3.11).
 *
 * <p>The map holds the associative part in order. {@link #dense()} holds the AMF3 dense part
 * (indexes 0 to n-1); an AMF0 ECMA array has no separate dense part, so an AMF0 decoder leaves it
 * empty and keeps keys such as {@code "0"} in the map, in the order they came. An AMF3 array with
 * no associative member decodes as a plain {@link List} instead (a strict array).
 */
public class AmfEcmaArray extends LinkedHashMap<String, Object> {

  private static final long serialVersionUID = 1L;

  private final List<Object> dense = new ArrayList<>();

  /** An empty array. */
  public AmfEcmaArray() {}

  /** An associative array from alternating keys and values. */
  public static AmfEcmaArray of(Object... keysAndValues) {
    return AmfObject.fill(new AmfEcmaArray(), keysAndValues);
  }

  /** The dense part, mutable, in index order. */
  public List<Object> dense() {
    return dense;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmfEcmaArray other && dense.equals(other.dense) && super.equals(o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dense, super.hashCode());
  }

  @Override
  public String toString() {
    return dense.isEmpty() ? super.toString() : dense + super.toString();
  }
}
