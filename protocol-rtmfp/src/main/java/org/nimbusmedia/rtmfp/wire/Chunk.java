package org.nimbusmedia.rtmfp.wire;

import java.util.Arrays;

/**
 * A chunk (RFC 7016 section 2.3): {@code type u8 | length u16 | body}.
 *
 * @param type chunk type
 * @param body chunk body, at most 65535 bytes
 */
public record Chunk(int type, byte[] body) {
  /** IHello (RFC 7016 section 2.3.2). */
  public static final int IHELLO = 0x30;

  /** Forwarded IHello (RFC 7016 section 2.3.3). */
  public static final int FORWARDED_IHELLO = 0x0f;

  /** RHello (RFC 7016 section 2.3.4). */
  public static final int RHELLO = 0x70;

  /** Redirect (RFC 7016 section 2.3.5). */
  public static final int REDIRECT = 0x71;

  /** RHello cookie change (RFC 7016 section 2.3.6). */
  public static final int RHELLO_COOKIE_CHANGE = 0x79;

  /** IIKeying (RFC 7016 section 2.3.7). */
  public static final int IIKEYING = 0x38;

  /** RIKeying (RFC 7016 section 2.3.8). */
  public static final int RIKEYING = 0x78;

  /** Ping (RFC 7016 section 2.3.9). */
  public static final int PING = 0x01;

  /** Ping reply (RFC 7016 section 2.3.10). */
  public static final int PING_REPLY = 0x41;

  /** User data (RFC 7016 section 2.3.11). */
  public static final int USER_DATA = 0x10;

  /** Next user data (RFC 7016 section 2.3.12). */
  public static final int NEXT_USER_DATA = 0x11;

  /** Bitmap acknowledgement (RFC 7016 section 2.3.13). */
  public static final int ACK_BITMAP = 0x50;

  /** Range acknowledgement (RFC 7016 section 2.3.14). */
  public static final int ACK_RANGES = 0x51;

  /** Buffer probe (RFC 7016 section 2.3.15). */
  public static final int BUFFER_PROBE = 0x18;

  /** Flow exception report (RFC 7016 section 2.3.16). */
  public static final int FLOW_EXCEPTION = 0x5e;

  /** Session close request (RFC 7016 section 2.3.17). */
  public static final int CLOSE = 0x0c;

  /** Session close acknowledgement (RFC 7016 section 2.3.18). */
  public static final int CLOSE_ACK = 0x4c;

  /** Padding chunk type: a byte of 0xFF where a chunk would start ends the packet. */
  public static final int PADDING = 0xff;

  /** Validates the chunk. */
  public Chunk {
    if (type < 0 || type > 0xfe) {
      throw new IllegalArgumentException("chunk type out of range: " + type);
    }
    if (body.length > 0xffff) {
      throw new IllegalArgumentException("chunk body longer than 65535 bytes");
    }
  }

  /** Encoded size including the 3-byte header. */
  public int encodedSize() {
    return 3 + body.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Chunk c && c.type == type && Arrays.equals(c.body, body);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "Chunk[type=0x" + Integer.toHexString(type) + ", length=" + body.length + "]";
  }
}
