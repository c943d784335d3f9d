package org.nimbusmedia.rtmp.amf;

import java.util.Arrays;

/**
 * An ActionScript 3 {@code flash.utils.ByteArray} (AMF3 spec section 3.14). Immutable: the bytes
 * are copied in and out.
 */
public final class AmfByteArray {

  private final byte[] bytes;

  /** A byte array holding a copy of {@code bytes}. */
  public AmfByteArray(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return bytes[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmfByteArray other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ByteArray[" + bytes.length + " bytes]";
  }
}
