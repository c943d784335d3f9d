package org.nimbusmedia.rtmp.amf;

import java.util.List;
import java.util.Objects;

/**
 * The traits of an AMF3 object (AMF3 spec section 3.12): its class name, whether it is dynamic or
 * externalizable, and the names of its sealed members in order. AMF3 sends the traits once per
 * message and refers to them by index afterwards, so they are a value of their own.
 *
 * @param className the class alias, {@code ""} for an anonymous object
 * @param dynamic whether members other than the sealed ones follow
 * @param externalizable whether the class writes its own body (AMF3 spec section 3.12,
 *     U29O-traits-ext)
 * @param sealedNames sealed member names, in the order their values are written
 */
public record AmfTraits(
    String className, boolean dynamic, boolean externalizable, List<String> sealedNames) {

  /** The traits Flash Player writes for an anonymous {@code Object}: dynamic, nothing sealed. */
  public static final AmfTraits ANONYMOUS = new AmfTraits("", true, false, List.of());

  public AmfTraits {
    Objects.requireNonNull(className, "className");
    sealedNames = List.copyOf(sealedNames);
    if (externalizable && (dynamic || !sealedNames.isEmpty())) {
      throw new IllegalArgumentException("externalizable traits have no members: " + className);
    }
  }
}
