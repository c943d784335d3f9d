package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;

/**
 * Splits an Aggregate Message (RTMP 1.0 section 7.1.6) into its sub-messages. Each sub-message is
 * an FLV tag: type (1 byte), payload size (3), timestamp (3, then 1 high byte), stream id (3),
 * payload, then a 4-byte back pointer.
 *
 * <p>Sub-message timestamps are rebased onto the aggregate's: the first sub-message gets the
 * aggregate timestamp and the others keep their distance from the first, as FMS and librtmp do.
 * Sub-messages take the aggregate's message stream id and chunk stream id; the 3-byte stream id in
 * the tag and the back pointer value are not checked (encoders write them inconsistently).
 */
public final class AggregateSplitter {

  private static final int TAG_HEADER_LENGTH = 11;
  private static final int BACK_POINTER_LENGTH = 4;

  private AggregateSplitter() {}

  /**
   * Splits the aggregate. The sub-messages share its payload (retained slices); the aggregate
   * itself is not released.
   *
   * @throws RtmpProtocolException if a sub-message runs past the end or is itself an aggregate
   */
  public static List<RawMessage> split(RawMessage aggregate) {
    ByteBuf payload = aggregate.content();
    int index = payload.readerIndex();
    int end = payload.writerIndex();
    List<RawMessage> parts = new ArrayList<>();
    long first = -1;
    try {
      while (index < end) {
        if (end - index < TAG_HEADER_LENGTH) {
          throw new RtmpProtocolException(
              "aggregate sub-message header truncated at offset "
                  + (index - payload.readerIndex()));
        }
        int type = payload.getUnsignedByte(index);
        int size = payload.getUnsignedMedium(index + 1);
        long timestamp =
            payload.getUnsignedMedium(index + 4)
                | ((long) payload.getUnsignedByte(index + 7) << 24);
        if (size > end - index - TAG_HEADER_LENGTH - BACK_POINTER_LENGTH) {
          throw new RtmpProtocolException(
              "aggregate sub-message of "
                  + size
                  + " bytes runs past the end at offset "
                  + (index - payload.readerIndex()));
        }
        if (type == MessageType.AGGREGATE) {
          throw new RtmpProtocolException("aggregate message nested in an aggregate message");
        }
        if (first < 0) {
          first = timestamp;
        }
        long rebased = (aggregate.timestamp() + timestamp - first) & 0xFFFFFFFFL;
        parts.add(
            new RawMessage(
                aggregate.chunkStreamId(),
                type,
                aggregate.streamId(),
                rebased,
                payload.retainedSlice(index + TAG_HEADER_LENGTH, size)));
        index += TAG_HEADER_LENGTH + size + BACK_POINTER_LENGTH;
      }
      return parts;
    } catch (RtmpProtocolException e) {
      parts.forEach(RawMessage::release);
      throw e;
    }
  }
}
