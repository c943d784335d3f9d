package org.nimbusmedia.rtmp.amf;

import java.util.ArrayList;
import java.util.Collection;

/**
 * A Flex {@code mx.collections.ArrayCollection}, sent as the externalizable class {@value
 * #CLASS_NAME} whose body is one value, its source array (AMF3 spec section 3.12, externalizable
 * traits). The list holds the elements of the source array.
 */
public class AmfArrayCollection extends ArrayList<Object> {

  private static final long serialVersionUID = 1L;

  /** The class alias Flex registers for this class. */
  public static final String CLASS_NAME = "flex.messaging.io.ArrayCollection";

  /** An empty collection. */
  public AmfArrayCollection() {}

  /** A collection holding {@code elements}. */
  public AmfArrayCollection(Collection<?> elements) {
    super(elements);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmfArrayCollection && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
