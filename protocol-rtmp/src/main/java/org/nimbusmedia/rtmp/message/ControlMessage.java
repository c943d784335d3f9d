package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;

/**
 * A protocol control message (RTMP 1.0 section 5.4) or user control event (section 6.2). These
 * travel on chunk stream 2 and message stream 0; their timestamp is ignored.
 */
public sealed interface ControlMessage
    permits SetChunkSize,
        Abort,
        Acknowledgement,
        UserControlEvent,
        WindowAcknowledgementSize,
        SetPeerBandwidth {

  /** The message type id, one of the {@link MessageType} constants. */
  int typeId();

  /** Writes the message payload, without any header. */
  void writePayload(ByteBuf out);
}
