package org.nimbusmedia.rtmp.amf;

/**
 * The AMF0 unsupported marker (AMF0 spec section 2.15): Flash Player writes it for a value that it
 * cannot serialize. Kept distinct from {@link AmfUndefined} so that a message re-encodes to the
 * same bytes.
 */
public enum AmfUnsupported {
  INSTANCE;

  @Override
  public String toString() {
    return "unsupported";
  }
}
