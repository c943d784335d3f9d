package org.nimbusmedia.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One whole RTMP message as the chunk layer sees it: the message header fields (RTMP 1.0 section
 * 5.3.1.2) and the payload, untouched. The payload is reference-counted; whoever receives a raw
 * message releases it or passes it on.
 */
public final class RawMessage extends DefaultByteBufHolder {

  /** Lowest chunk stream id a message may use; 0 and 1 only select the basic header form. */
  public static final int MIN_CHUNK_STREAM_ID = 2;

  /** Highest chunk stream id, reachable with the 3-byte basic header (section 5.3.1.1). */
  public static final int MAX_CHUNK_STREAM_ID = 65599;

  private final int chunkStreamId;
  private final int typeId;
  private final int streamId;
  private final long timestamp;

  /**
   * @param chunkStreamId chunk stream id, 2 to 65599
   * @param typeId message type id, 0 to 255
   * @param streamId message stream id
   * @param timestamp absolute timestamp in milliseconds, an unsigned 32-bit value
   * @param payload the message payload; ownership passes to this message
   */
  public RawMessage(int chunkStreamId, int typeId, int streamId, long timestamp, ByteBuf payload) {
    super(payload);
    checkHeader(chunkStreamId, typeId, timestamp);
    this.chunkStreamId = chunkStreamId;
    this.typeId = typeId;
    this.streamId = streamId;
    this.timestamp = timestamp;
  }

  /** Throws when a header field is out of the range the chunk format can carry (5.3.1). */
  static void checkHeader(int chunkStreamId, int typeId, long timestamp) {
    if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
      throw new IllegalArgumentException(
          "chunkStreamId must be between 2 and 65599, got " + chunkStreamId);
    }
    if (typeId < 0 || typeId > 0xFF) {
      throw new IllegalArgumentException("typeId must be between 0 and 255, got " + typeId);
    }
    if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(
          "timestamp must be an unsigned 32-bit value, got " + timestamp);
    }
  }

  /** The chunk stream this message travelled on. */
  public int chunkStreamId() {
    return chunkStreamId;
  }

  /** The message type id (section 5.4 and chapter 7 of the spec). */
  public int typeId() {
    return typeId;
  }

  /** The message stream id; 0 is the connection's control stream. */
  public int streamId() {
    return streamId;
  }

  /** Absolute timestamp in milliseconds, 0 to 2^32-1. */
  public long timestamp() {
    return timestamp;
  }

  @Override
  public RawMessage copy() {
    return replace(content().copy());
  }

  @Override
  public RawMessage duplicate() {
    return replace(content().duplicate());
  }

  @Override
  public RawMessage retainedDuplicate() {
    return replace(content().retainedDuplicate());
  }

  @Override
  public RawMessage replace(ByteBuf content) {
    return new RawMessage(chunkStreamId, typeId, streamId, timestamp, content);
  }

  @Override
  public RawMessage retain() {
    super.retain();
    return this;
  }

  @Override
  public RawMessage retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public RawMessage touch() {
    super.touch();
    return this;
  }

  @Override
  public RawMessage touch(Object hint) {
    super.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    return "RawMessage[csid="
        + chunkStreamId
        + ", type="
        + typeId
        + ", stream="
        + streamId
        + ", timestamp="
        + timestamp
        + ", length="
        + content().readableBytes()
        + "]";
  }
}
