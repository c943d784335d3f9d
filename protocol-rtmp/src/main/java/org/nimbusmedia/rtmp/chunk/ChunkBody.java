package org.nimbusmedia.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A message payload in chunk form after its first header (RTMP 1.0 section 5.3.1): the payload cut
 * at the chunk size, with a type 3 header (basic header, and the extended timestamp when the
 * message's header carries one, as librtmp and FMS expect) before every piece but the first.
 *
 * <p>Without an extended timestamp this part depends only on the payload, the chunk size and the
 * chunk stream id, not on the connection: a live frame's body is made once and shared by every
 * player that needs no extended timestamp for it (see {@link SharedPayload}).
 */
public final class ChunkBody {
  private ChunkBody() {}

  /**
   * A new buffer holding {@code payload} (its readable bytes, left unread) in chunk form with no
   * extended timestamps.
   */
  public static ByteBuf of(ByteBufAllocator alloc, ByteBuf payload, int chunkSize, int csid) {
    int length = payload.readableBytes();
    ByteBuf body = alloc.ioBuffer(length(length, chunkSize, csid, false));
    write(body, payload, chunkSize, csid, -1);
    return body;
  }

  /** Bytes {@link #write} adds for a payload of {@code payloadLength} bytes. */
  static int length(int payloadLength, int chunkSize, int csid, boolean extended) {
    int chunks = Math.max(1, (payloadLength + chunkSize - 1) / chunkSize);
    return payloadLength + (chunks - 1) * (basicHeaderLength(csid) + (extended ? 4 : 0));
  }

  /**
   * Writes the readable bytes of {@code payload} (without moving its reader index) in pieces of
   * {@code chunkSize}, each after the first preceded by a type 3 header for {@code csid} and, when
   * {@code extendedTimestamp} is not negative, that 4-byte extended timestamp.
   */
  static void write(ByteBuf out, ByteBuf payload, int chunkSize, int csid, long extendedTimestamp) {
    int offset = payload.readerIndex();
    int end = offset + payload.readableBytes();
    while (true) {
      int size = Math.min(chunkSize, end - offset);
      out.writeBytes(payload, offset, size);
      offset += size;
      if (offset >= end) {
        return;
      }
      writeBasicHeader(out, 3, csid);
      if (extendedTimestamp >= 0) {
        out.writeInt((int) extendedTimestamp);
      }
    }
  }

  static int basicHeaderLength(int csid) {
    return csid < 64 ? 1 : csid < 320 ? 2 : 3;
  }

  /** Basic header in the shortest of its three forms (5.3.1.1). */
  static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
    if (csid < 64) {
      out.writeByte(fmt << 6 | csid);
    } else if (csid < 320) {
      out.writeByte(fmt << 6);
      out.writeByte(csid - 64);
    } else {
      out.writeByte(fmt << 6 | 1);
      out.writeByte((csid - 64) & 0xFF);
      out.writeByte((csid - 64) >>> 8);
    }
  }
}
