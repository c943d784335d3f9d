package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;

/**
 * Window Acknowledgement Size (RTMP 1.0 section 5.4.4): the peer wants an Acknowledgement every
 * this many bytes.
 *
 * @param windowSize bytes, 0 to 2^32-1
 */
public record WindowAcknowledgementSize(long windowSize) implements ControlMessage {

  /** Validates the unsigned 32-bit range. */
  public WindowAcknowledgementSize {
    Payloads.requireUnsignedInt(windowSize, "window size");
  }

  static WindowAcknowledgementSize read(ByteBuf payload) {
    Payloads.require(payload, 4, "Window Acknowledgement Size", "5.4.4");
    return new WindowAcknowledgementSize(payload.readUnsignedInt());
  }

  @Override
  public int typeId() {
    return MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE;
  }

  @Override
  public void writePayload(ByteBuf out) {
    out.writeInt((int) windowSize);
  }
}
