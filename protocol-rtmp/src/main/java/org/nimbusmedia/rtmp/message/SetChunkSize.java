package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;

/**
 * Set Chunk Size (RTMP 1.0 section 5.4.1): the sender's chunk size from now on.
 *
 * @param chunkSize 1 to 2^31-1
 */
public record SetChunkSize(int chunkSize) implements ControlMessage {

  /** Validates the size: the top bit must be zero and the size at least 1. */
  public SetChunkSize {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be 1..2^31-1, got " + chunkSize);
    }
  }

  static SetChunkSize read(ByteBuf payload) {
    Payloads.require(payload, 4, "Set Chunk Size", "5.4.1");
    return new SetChunkSize(payload.readInt());
  }

  @Override
  public int typeId() {
    return MessageType.SET_CHUNK_SIZE;
  }

  @Override
  public void writePayload(ByteBuf out) {
    out.writeInt(chunkSize);
  }
}
