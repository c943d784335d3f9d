package org.nimbusmedia.rtmp.chunk;

import io.netty.util.ReferenceCounted;

/**
 * A message whose payload many connections send ({@link SharedPayload}): the same header fields as
 * a {@link RawMessage}, written straight to a connection's {@link RtmpChunkEncoder}, which sends
 * its own first chunk header followed by the shared chunk body. Holds one reference to the payload,
 * released once the message is written or dropped.
 */
public final class SharedMessage implements ReferenceCounted {
  private final int chunkStreamId;
  private final int typeId;
  private final int streamId;
  private final long timestamp;
  private final SharedPayload payload;

  /**
   * @param chunkStreamId chunk stream id, 2 to 65599
   * @param typeId message type id, 0 to 255
   * @param streamId message stream id
   * @param timestamp absolute timestamp in milliseconds, an unsigned 32-bit value
   * @param payload the shared payload; one reference passes to this message
   */
  public SharedMessage(
      int chunkStreamId, int typeId, int streamId, long timestamp, SharedPayload payload) {
    RawMessage.checkHeader(chunkStreamId, typeId, timestamp);
    this.chunkStreamId = chunkStreamId;
    this.typeId = typeId;
    this.streamId = streamId;
    this.timestamp = timestamp;
    this.payload = payload;
  }

  public int chunkStreamId() {
    return chunkStreamId;
  }

  public int typeId() {
    return typeId;
  }

  public int streamId() {
    return streamId;
  }

  public long timestamp() {
    return timestamp;
  }

  public SharedPayload payload() {
    return payload;
  }

  @Override
  public int refCnt() {
    return payload.refCnt();
  }

  @Override
  public SharedMessage retain() {
    payload.retain();
    return this;
  }

  @Override
  public SharedMessage retain(int increment) {
    payload.retain(increment);
    return this;
  }

  @Override
  public SharedMessage touch() {
    payload.touch();
    return this;
  }

  @Override
  public SharedMessage touch(Object hint) {
    payload.touch(hint);
    return this;
  }

  @Override
  public boolean release() {
    return payload.release();
  }

  @Override
  public boolean release(int decrement) {
    return payload.release(decrement);
  }

  @Override
  public String toString() {
    return "SharedMessage[csid="
        + chunkStreamId
        + ", type="
        + typeId
        + ", stream="
        + streamId
        + ", timestamp="
        + timestamp
        + ", length="
        + payload.content().readableBytes()
        + "]";
  }
}
