package org.nimbusmedia.rtmfp.wire;

/** Variable length unsigned integer helpers (RFC 7016 section 2.1.2). */
public final class Vlu {
  private Vlu() {}

  /** Number of bytes the VLU encoding of {@code value} takes. */
  public static int size(long value) {
    int n = 1;
    for (long t = value >>> 7; t != 0; t >>>= 7) {
      n++;
    }
    return n;
  }

  /** Encodes a value as a VLU. */
  public static byte[] encode(long value) {
    return new WireWriter(10).vlu(value).toByteArray();
  }
}
