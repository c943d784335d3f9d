package org.nimbusmedia.rtmfp.wire;

import java.util.Arrays;

/** Growable big-endian writer used to build chunk bodies and packets. */
public final class WireWriter {
  private byte[] data;
  private int size;

  /** Creates an empty writer. */
  public WireWriter() {
    this(64);
  }

  /**
   * @param capacity initial capacity
   */
  public WireWriter(int capacity) {
    data = new byte[Math.max(16, capacity)];
  }

  private void ensure(int n) {
    if (size + n > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }
  }

  /** Number of bytes written. */
  public int size() {
    return size;
  }

  /** Writes one byte. */
  public WireWriter u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
    return this;
  }

  /** Writes a big-endian 16-bit value. */
  public WireWriter u16(int v) {
    ensure(2);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
    return this;
  }

  /** Writes a big-endian 32-bit value. */
  public WireWriter u32(int v) {
    ensure(4);
    data[size++] = (byte) (v >>> 24);
    data[size++] = (byte) (v >>> 16);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
    return this;
  }

  /** Writes a VLU (RFC 7016 section 2.1.2). */
  public WireWriter vlu(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("VLU must not be negative: " + v);
    }
    int groups = 1;
    for (long t = v >>> 7; t != 0; t >>>= 7) {
      groups++;
    }
    ensure(groups);
    for (int i = groups - 1; i >= 0; i--) {
      int b = (int) ((v >>> (7 * i)) & 0x7F);
      data[size++] = (byte) (i == 0 ? b : b | 0x80);
    }
    return this;
  }

  /** Writes raw bytes. */
  public WireWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  /** Writes a slice of raw bytes. */
  public WireWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, data, size, len);
    size += len;
    return this;
  }

  /** Writes a VLU length followed by the bytes. */
  public WireWriter vluPrefixed(byte[] b) {
    return vlu(b.length).bytes(b);
  }

  /**
   * Writes an option (RFC 7016 section 2.1.3): {@code VLU length | VLU type | value}, where the
   * length covers type and value.
   */
  public WireWriter option(int type, byte[] value) {
    int typeLen = Vlu.size(type);
    return vlu(typeLen + value.length).vlu(type).bytes(value);
  }

  /** Writes an option list end marker (a zero length option). */
  public WireWriter marker() {
    return u8(0);
  }

  /** Returns a copy of the written bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }
}
