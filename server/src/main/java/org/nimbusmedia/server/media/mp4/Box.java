package org.nimbusmedia.server.media.mp4;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nimbusmedia.server.media.MediaFormatException;

/**
 * One box held in memory (ISO/IEC 14496-12 section 4.2): its four-character type and its payload (a
 * slice of the parent's buffer). Sizes are checked against the parent, so a box never reads outside
 * the bytes it was given.
 */
record Box(String type, ByteBuf payload) {
  private static final int MAX_CHILDREN = 4096;

  /** The boxes that fill {@code buffer} from its reader index to its end. */
  static List<Box> children(ByteBuf buffer) throws MediaFormatException {
    List<Box> boxes = new ArrayList<>();
    ByteBuf in = buffer.duplicate();
    while (in.readableBytes() >= 8) {
      if (boxes.size() == MAX_CHILDREN) {
        throw new MediaFormatException("more than " + MAX_CHILDREN + " boxes in one box");
      }
      long size = in.readUnsignedInt();
      String type = fourCc(in.readInt());
      int header = 8;
      if (size == 1) {
        need(in, 8, type);
        size = in.readLong();
        header = 16;
      } else if (size == 0) {
        size = header + in.readableBytes();
      }
      if (size < header || size - header > in.readableBytes()) {
        throw new MediaFormatException(
            "box " + type + " of " + size + " bytes does not fit in its parent");
      }
      int length = (int) (size - header);
      boxes.add(new Box(type, in.readSlice(length)));
    }
    return boxes;
  }

  /** The first child of type {@code type}. */
  Optional<Box> child(String childType) throws MediaFormatException {
    return child(childType, 0);
  }

  /** The first child of type {@code type}, after {@code skip} bytes of this box's own fields. */
  Optional<Box> child(String childType, int skip) throws MediaFormatException {
    ByteBuf in = payload.duplicate();
    need(in, skip, type);
    in.skipBytes(skip);
    for (Box box : children(in)) {
      if (box.type.equals(childType)) {
        return Optional.of(box);
      }
    }
    return Optional.empty();
  }

  /** The child of type {@code type}, or a format error naming it. */
  Box require(String childType) throws MediaFormatException {
    return child(childType)
        .orElseThrow(() -> new MediaFormatException("no " + childType + " box in " + type));
  }

  /** A reader over the payload. */
  ByteBuf reader() {
    return payload.duplicate();
  }

  static void need(ByteBuf in, int bytes, String where) throws MediaFormatException {
    if (bytes < 0 || in.readableBytes() < bytes) {
      throw new MediaFormatException("box " + where + " is too short");
    }
  }

  static String fourCc(int value) {
    byte[] bytes = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
