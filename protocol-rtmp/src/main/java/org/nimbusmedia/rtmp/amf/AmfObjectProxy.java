package org.nimbusmedia.rtmp.amf;

/**
 * A Flex {@code mx.utils.ObjectProxy}, sent as the externalizable class {@value #CLASS_NAME} whose
 * body is one value, the proxied object (AMF3 spec section 3.12, externalizable traits).
 *
 * @param target the proxied value, usually an {@link AmfObject}
 */
public record AmfObjectProxy(Object target) {

  /** The class alias Flex registers for this class. */
  public static final String CLASS_NAME = "flex.messaging.io.ObjectProxy";
}
