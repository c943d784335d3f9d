package org.nimbusmedia.rtmp.amf;

/**
 * The object encoding a NetConnection negotiates in its {@code connect} command ({@code
 * objectEncoding} 0 or 3). RTMP command and data messages always start in AMF0; with AMF3 the
 * values switch to AMF3 through the AVM+ marker 0x11 (AMF0 spec section 3.1).
 */
public enum ObjectEncoding {
  AMF0(0),
  AMF3(3);

  private final int code;

  ObjectEncoding(int code) {
    this.code = code;
  }

  /** The number sent as {@code objectEncoding}. */
  public int code() {
    return code;
  }

  /** The encoding for an {@code objectEncoding} number; anything but 3 means AMF0, as in FMS. */
  public static ObjectEncoding of(double code) {
    return code == 3 ? AMF3 : AMF0;
  }
}
