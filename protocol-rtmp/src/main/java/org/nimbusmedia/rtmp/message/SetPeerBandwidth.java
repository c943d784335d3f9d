package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;

/**
 * Set Peer Bandwidth (RTMP 1.0 section 5.4.5): limits the peer's output bandwidth by setting its
 * acknowledgement window.
 *
 * @param windowSize bytes, 0 to 2^32-1
 * @param limitType how the peer applies the limit
 */
public record SetPeerBandwidth(long windowSize, LimitType limitType) implements ControlMessage {

  /** Limit types of section 5.4.5. */
  public enum LimitType {
    /** 0: limit the output to the window size. */
    HARD,
    /** 1: limit to the window size or the limit already in effect, whichever is smaller. */
    SOFT,
    /** 2: hard if the previous limit was hard, otherwise ignore this message. */
    DYNAMIC;

    /** The wire value, 0 to 2. */
    public int value() {
      return ordinal();
    }
  }

  /** Validates the window range and requires a limit type. */
  public SetPeerBandwidth {
    Payloads.requireUnsignedInt(windowSize, "window size");
    Objects.requireNonNull(limitType, "limitType");
  }

  static SetPeerBandwidth read(ByteBuf payload) {
    Payloads.require(payload, 5, "Set Peer Bandwidth", "5.4.5");
    long windowSize = payload.readUnsignedInt();
    int limit = payload.readUnsignedByte();
    if (limit >= LimitType.values().length) {
      throw new RtmpProtocolException("Set Peer Bandwidth limit type " + limit + " is not 0..2");
    }
    return new SetPeerBandwidth(windowSize, LimitType.values()[limit]);
  }

  @Override
  public int typeId() {
    return MessageType.SET_PEER_BANDWIDTH;
  }

  @Override
  public void writePayload(ByteBuf out) {
    out.writeInt((int) windowSize);
    out.writeByte(limitType.value());
  }
}
