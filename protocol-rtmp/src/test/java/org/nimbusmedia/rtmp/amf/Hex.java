package org.nimbusmedia.rtmp.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds byte fixtures from annotated groups of hex digits. */
public final class Hex {

  private Hex() {}

  /** The bytes of {@code groups}, each a run of hex digits that may contain spaces. */
  public static byte[] bytes(String... groups) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String group : groups) {
      out.writeBytes(HexFormat.of().parseHex(group.replace(" ", "")));
    }
    return out.toByteArray();
  }

  /** The UTF-8 bytes of {@code text}, as hex digits, for use inside {@link #bytes}. */
  public static String text(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes of a buffer's readable part, without moving its reader index. */
  public static byte[] readable(ByteBuf buf) {
    byte[] bytes = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), bytes);
    return bytes;
  }

  /** A heap buffer over a copy of {@code bytes}. */
  public static ByteBuf buffer(byte[] bytes) {
    return Unpooled.copiedBuffer(bytes);
  }

  /** Hex digits of {@code bytes}, for assertion messages. */
  public static String format(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
