package org.nimbusmedia.rtmp.chunk;

import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.DEFAULT_CHUNK_SIZE;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_MARKER;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.MESSAGE_HEADER_LENGTH;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.TYPE_SET_CHUNK_SIZE;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * Splits {@link RawMessage}s into RTMP chunks (RTMP 1.0 section 5.3). One instance per connection:
 * it remembers the last header sent on each chunk stream to pick the shortest header type.
 *
 * <p>The outbound chunk size starts at the protocol default of 128 bytes (section 5.4.1) and
 * changes when a Set Chunk Size message (type 1) is written through this encoder: that message is
 * still sent with the old size, and every later message with the new one. Servers conventionally
 * send {@value #RECOMMENDED_CHUNK_SIZE} (the FMS {@code OutChunkSize} default).
 *
 * <p>Header choice: type 0 for the first message of a chunk stream, a new message stream or a
 * timestamp that goes backwards; type 1 when length or type changes; type 2 when only the delta
 * changes; type 3 when the delta repeats one sent explicitly in a type 1 or 2 header. Type 3 never
 * directly follows type 0 because peers disagree on the delta that implies.
 */
public final class RtmpChunkEncoder extends MessageToByteEncoder<RawMessage> {

  /** The chunk size FMS 4 sends by default, to be announced with a Set Chunk Size message. */
  public static final int RECOMMENDED_CHUNK_SIZE = 4096;

  /** Last header sent on one chunk stream. */
  private static final class ChunkStream {
    long timestamp;
    long delta;
    boolean deltaSent;
    int length;
    int typeId;
    int streamId;
  }

  private final IntObjectMap<ChunkStream> chunkStreams = new IntObjectHashMap<>();
  private int chunkSize = DEFAULT_CHUNK_SIZE;

  /** An encoder that starts with the 128-byte default chunk size. */
  public RtmpChunkEncoder() {
    super(RawMessage.class);
  }

  /** The chunk size currently used to split outbound messages. */
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, RawMessage message, ByteBuf out) {
    ByteBuf payload = message.content();
    int length = payload.readableBytes();
    if (length > 0xFFFFFF) {
      throw new EncoderException(
          "message of " + length + " bytes does not fit the 24-bit length field (5.3.1.2.1)");
    }
    int nextChunkSize = chunkSize;
    if (message.typeId() == TYPE_SET_CHUNK_SIZE) {
      if (length < 4 || payload.getInt(payload.readerIndex()) < 1) {
        throw new EncoderException("Set Chunk Size needs a value of 1..2^31-1 (5.4.1)");
      }
      nextChunkSize = payload.getInt(payload.readerIndex());
    }

    int csid = message.chunkStreamId();
    long timestamp = message.timestamp();
    ChunkStream stream = chunkStreams.get(csid);
    int fmt;
    long timestampField;
    if (stream == null || stream.streamId != message.streamId() || timestamp < stream.timestamp) {
      if (stream == null) {
        stream = new ChunkStream();
        chunkStreams.put(csid, stream);
      }
      fmt = 0;
      timestampField = timestamp;
      stream.deltaSent = false;
    } else {
      long delta = timestamp - stream.timestamp;
      if (stream.length != length || stream.typeId != message.typeId()) {
        fmt = 1;
      } else if (stream.deltaSent && stream.delta == delta) {
        fmt = 3;
      } else {
        fmt = 2;
      }
      timestampField = delta;
      stream.delta = delta;
      stream.deltaSent = true;
    }
    stream.timestamp = timestamp;
    stream.length = length;
    stream.typeId = message.typeId();
    stream.streamId = message.streamId();

    boolean extended = timestampField >= EXTENDED_TIMESTAMP_MARKER;
    int chunkCount = Math.max(1, (length + chunkSize - 1) / chunkSize);
    int continuationHeader = basicHeaderLength(csid) + (extended ? 4 : 0);
    out.ensureWritable(
        basicHeaderLength(csid)
            + MESSAGE_HEADER_LENGTH[fmt]
            + (extended ? 4 : 0)
            + (chunkCount - 1) * continuationHeader
            + length);

    writeBasicHeader(out, fmt, csid);
    if (fmt <= 2) {
      out.writeMedium(extended ? EXTENDED_TIMESTAMP_MARKER : (int) timestampField);
    }
    if (fmt <= 1) {
      out.writeMedium(length);
      out.writeByte(message.typeId());
    }
    if (fmt == 0) {
      out.writeIntLE(message.streamId());
    }
    if (extended) {
      out.writeInt((int) timestampField);
    }
    int offset = payload.readerIndex();
    int end = offset + length;
    while (true) {
      int size = Math.min(chunkSize, end - offset);
      out.writeBytes(payload, offset, size);
      offset += size;
      if (offset >= end) {
        break;
      }
      // Continuation chunks: type 3, repeating the extended timestamp as librtmp and FMS do.
      writeBasicHeader(out, 3, csid);
      if (extended) {
        out.writeInt((int) timestampField);
      }
    }
    chunkSize = nextChunkSize;
  }

  private static int basicHeaderLength(int csid) {
    return csid < 64 ? 1 : csid < 320 ? 2 : 3;
  }

  /** Basic header in the shortest of its three forms (5.3.1.1). */
  private static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
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
