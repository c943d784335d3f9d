package org.nimbusmedia.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * An ActionScript 3 {@code flash.utils.Dictionary} (AMF3 spec section 3.16): keys may be any value,
 * not only strings.
 */
public class AmfDictionary extends LinkedHashMap<Object, Object> {

  private static final long serialVersionUID = 1L;

  private final boolean weakKeys;

  /** An empty dictionary. */
  public AmfDictionary(boolean weakKeys) {
    this.weakKeys = weakKeys;
  }

  /** Whether the dictionary was created with weak keys; carried for fidelity only. */
  public boolean weakKeys() {
    return weakKeys;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmfDictionary other && weakKeys == other.weakKeys && super.equals(o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(weakKeys, super.hashCode());
  }
}
