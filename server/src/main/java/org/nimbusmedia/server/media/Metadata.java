package org.nimbusmedia.server.media;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/** Recognises the {@code onMetaData} data message (FLV specification E.5). */
public final class Metadata {
  /** "onMetaData" as an AMF0 string: marker 0x02, length 10, the name. */
  private static final int NAME_LENGTH = 10;

  private Metadata() {}

  public static boolean isOnMetaData(StreamFrame frame) {
    ByteBuf body = frame.content();
    int at = body.readerIndex();
    return frame.kind() == FrameKind.DATA
        && body.readableBytes() > 3 + NAME_LENGTH
        && body.getByte(at) == 0x02
        && body.getUnsignedShort(at + 1) == NAME_LENGTH
        && body.toString(at + 3, NAME_LENGTH, StandardCharsets.US_ASCII).equals("onMetaData");
  }
}
