package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;

/** Bounds checks shared by the per-type decoders. */
final class Payloads {

  private Payloads() {}

  /** Fails with the message name and spec section unless {@code length} bytes are readable. */
  static void require(ByteBuf payload, int length, String name, String section) {
    if (payload.readableBytes() < length) {
      throw new RtmpProtocolException(
          name
              + " payload of "
              + payload.readableBytes()
              + " bytes, section "
              + section
              + " wants "
              + length);
    }
  }

  /** Checks that an unsigned 32-bit value is in range. */
  static long requireUnsignedInt(long value, String name) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(name + " must be 0..2^32-1, got " + value);
    }
    return value;
  }
}
