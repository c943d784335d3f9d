package org.nimbusmedia.rtmp.amf;

import java.util.Objects;

/**
 * An ActionScript 3 E4X {@code XML} value (AMF3 spec section 3.13), kept as its serialized text.
 * AMF0 has no such type; an AMF0 encoder writes it through the AVM+ switch.
 *
 * @param xml the XML text
 */
public record AmfXml(String xml) {
  public AmfXml {
    Objects.requireNonNull(xml, "xml");
  }
}
