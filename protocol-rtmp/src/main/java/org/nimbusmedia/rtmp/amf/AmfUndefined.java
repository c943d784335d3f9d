package org.nimbusmedia.rtmp.amf;

/**
 * The ActionScript {@code undefined} value (AMF0 spec section 2.8, AMF3 spec section 3.2). It is
 * distinct from {@code null}, which stands for the ActionScript {@code null}.
 */
public enum AmfUndefined {
  INSTANCE;

  @Override
  public String toString() {
    return "undefined";
  }
}
