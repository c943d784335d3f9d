package org.nimbusmedia.rtmp.amf;

import java.util.Objects;

/**
 * A legacy ActionScript {@code flash.xml.XMLDocument} (AMF0 spec section 2.17, AMF3 spec section
 * 3.9), kept as its serialized text.
 *
 * @param xml the document text
 */
public record AmfXmlDocument(String xml) {
  public AmfXmlDocument {
    Objects.requireNonNull(xml, "xml");
  }
}
