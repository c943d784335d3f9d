package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;

/**
 * Abort Message (RTMP 1.0 section 5.4.2): discard the partly received message of a chunk stream.
 *
 * @param chunkStreamId the chunk stream whose partial message is dropped, 0 to 65599
 */
public record Abort(int chunkStreamId) implements ControlMessage {

  /** Validates the chunk stream id range of section 5.3.1.1. */
  public Abort {
    if (chunkStreamId < 0 || chunkStreamId > 65599) {
      throw new IllegalArgumentException("chunk stream id must be 0..65599, got " + chunkStreamId);
    }
  }

  static Abort read(ByteBuf payload) {
    Payloads.require(payload, 4, "Abort", "5.4.2");
    return new Abort(payload.readInt());
  }

  @Override
  public int typeId() {
    return MessageType.ABORT;
  }

  @Override
  public void writePayload(ByteBuf out) {
    out.writeInt(chunkStreamId);
  }
}
