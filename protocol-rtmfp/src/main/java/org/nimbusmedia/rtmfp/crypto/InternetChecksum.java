package org.nimbusmedia.rtmfp.crypto;

/**
 * The Internet checksum of RFC 1071: the one's complement of the one's complement sum of big-endian
 * 16-bit words. RFC 7425 section 4.5 applies it to everything after the checksum field, padding
 * included, which always has an even length there.
 */
public final class InternetChecksum {
  private InternetChecksum() {}

  /** Computes the checksum of {@code data[offset, offset+length)} as an unsigned 16-bit value. */
  public static int compute(byte[] data, int offset, int length) {
    long sum = 0;
    int end = offset + length;
    int i = offset;
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
    }
    if (i < end) {
      // RFC 1071 section 4.1: an odd trailing byte is padded with a zero low byte.
      sum += (data[i] & 0xFF) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }
}
