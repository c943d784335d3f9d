package org.nimbusmedia.rtmfp.wire;

import java.util.Arrays;

/**
 * Bounded big-endian reader over a byte array slice. Every read checks the remaining length and
 * fails with {@link MalformedException}, so no field from the network can index outside its
 * container.
 */
public final class WireReader {
  /** A VLU never needs more than this many bytes here: 8 bytes carry 56 bits. */
  public static final int MAX_VLU_BYTES = 8;

  private final byte[] data;
  private final int limit;
  private int position;

  /**
   * @param data the backing array (not copied)
   * @param offset first readable byte
   * @param length number of readable bytes
   */
  public WireReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IllegalArgumentException("slice out of range");
    }
    this.data = data;
    this.position = offset;
    this.limit = offset + length;
  }

  /**
   * @param data the whole array is readable
   */
  public WireReader(byte[] data) {
    this(data, 0, data.length);
  }

  /** Bytes left to read. */
  public int remaining() {
    return limit - position;
  }

  /** Current offset into the backing array. */
  public int position() {
    return position;
  }

  private void need(int n) {
    if (n < 0 || n > remaining()) {
      throw new MalformedException("field needs " + n + " bytes, " + remaining() + " left");
    }
  }

  /** Reads an unsigned byte. */
  public int u8() {
    need(1);
    return data[position++] & 0xFF;
  }

  /** Reads an unsigned big-endian 16-bit value. */
  public int u16() {
    need(2);
    int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
    position += 2;
    return v;
  }

  /** Reads a big-endian 32-bit value. */
  public int u32() {
    need(4);
    int v =
        ((data[position] & 0xFF) << 24)
            | ((data[position + 1] & 0xFF) << 16)
            | ((data[position + 2] & 0xFF) << 8)
            | (data[position + 3] & 0xFF);
    position += 4;
    return v;
  }

  /** Reads a variable length unsigned integer (RFC 7016 section 2.1.2) of at most 8 bytes. */
  public long vlu() {
    long value = 0;
    for (int i = 0; i < MAX_VLU_BYTES; i++) {
      int b = u8();
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedException("VLU longer than " + MAX_VLU_BYTES + " bytes");
  }

  /** Reads a VLU that must lie in {@code [0, max]}. */
  public int vluBounded(int max) {
    long v = vlu();
    if (v > max) {
      throw new MalformedException("value " + v + " exceeds " + max);
    }
    return (int) v;
  }

  /** Reads {@code n} bytes into a new array. */
  public byte[] bytes(int n) {
    need(n);
    byte[] out = Arrays.copyOfRange(data, position, position + n);
    position += n;
    return out;
  }

  /** Reads a VLU length (at most {@code max}) followed by that many bytes. */
  public byte[] vluPrefixed(int max) {
    return bytes(vluBounded(Math.min(max, remaining())));
  }

  /** Reads everything left. */
  public byte[] rest() {
    return bytes(remaining());
  }

  /** Skips {@code n} bytes. */
  public void skip(int n) {
    need(n);
    position += n;
  }

  /** Returns a reader over the next {@code n} bytes and advances past them. */
  public WireReader slice(int n) {
    need(n);
    WireReader r = new WireReader(data, position, n);
    position += n;
    return r;
  }
}
