package org.nimbusmedia.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test helper: byte fixtures written as hex with spaces and {@code //} comments per field. */
public final class Bytes {

  private Bytes() {}

  /** Parses hex digits, ignoring whitespace and anything after {@code //} on each line. */
  public static byte[] hex(String annotated) {
    StringBuilder digits = new StringBuilder();
    for (String line : annotated.split("\n")) {
      int comment = line.indexOf("//");
      digits.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
    }
    return ByteBufUtil.decodeHexDump(digits);
  }

  /** An unpooled buffer holding the fixture. */
  public static ByteBuf buf(String annotated) {
    return Unpooled.wrappedBuffer(hex(annotated));
  }

  /** The readable bytes of a buffer, which is released. */
  public static byte[] drain(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  /** {@code count} bytes 0, 1, 2, ... wrapping at 256. */
  public static byte[] sequence(int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
