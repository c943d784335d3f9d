package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;

/**
 * Acknowledgement (RTMP 1.0 section 5.4.3): the number of bytes received so far.
 *
 * @param sequenceNumber bytes received, modulo 2^32
 */
public record Acknowledgement(long sequenceNumber) implements ControlMessage {

  /** Validates the unsigned 32-bit range. */
  public Acknowledgement {
    Payloads.requireUnsignedInt(sequenceNumber, "sequence number");
  }

  static Acknowledgement read(ByteBuf payload) {
    Payloads.require(payload, 4, "Acknowledgement", "5.4.3");
    return new Acknowledgement(payload.readUnsignedInt());
  }

  @Override
  public int typeId() {
    return MessageType.ACKNOWLEDGEMENT;
  }

  @Override
  public void writePayload(ByteBuf out) {
    out.writeInt((int) sequenceNumber);
  }
}
