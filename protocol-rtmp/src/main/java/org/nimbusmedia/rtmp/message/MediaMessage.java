package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * An audio or video message: a reference-counted payload with the message stream id and timestamp.
 * During fan-out each receiver gets its own {@link #retainedDuplicate()}.
 */
public abstract sealed class MediaMessage extends DefaultByteBufHolder
    permits AudioMessage, VideoMessage {

  private final int streamId;
  private final long timestamp;

  MediaMessage(int streamId, long timestamp, ByteBuf payload) {
    super(payload);
    if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(
          "timestamp must be an unsigned 32-bit value, got " + timestamp);
    }
    this.streamId = streamId;
    this.timestamp = timestamp;
  }

  /** The message type id: {@link MessageType#AUDIO} or {@link MessageType#VIDEO}. */
  public abstract int typeId();

  /** The message stream id. */
  public int streamId() {
    return streamId;
  }

  /** Absolute timestamp in milliseconds, 0 to 2^32-1. */
  public long timestamp() {
    return timestamp;
  }

  /** The payload byte at {@code index}, or -1 if the payload is shorter. */
  final int byteAt(int index) {
    ByteBuf payload = content();
    return payload.readableBytes() > index
        ? payload.getUnsignedByte(payload.readerIndex() + index)
        : -1;
  }

  @Override
  public abstract MediaMessage replace(ByteBuf content);

  @Override
  public MediaMessage copy() {
    return replace(content().copy());
  }

  @Override
  public MediaMessage duplicate() {
    return replace(content().duplicate());
  }

  @Override
  public MediaMessage retainedDuplicate() {
    return replace(content().retainedDuplicate());
  }

  @Override
  public MediaMessage retain() {
    super.retain();
    return this;
  }

  @Override
  public MediaMessage retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public MediaMessage touch() {
    super.touch();
    return this;
  }

  @Override
  public MediaMessage touch(Object hint) {
    super.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[stream="
        + streamId
        + ", timestamp="
        + timestamp
        + ", length="
        + content().readableBytes()
        + "]";
  }
}
