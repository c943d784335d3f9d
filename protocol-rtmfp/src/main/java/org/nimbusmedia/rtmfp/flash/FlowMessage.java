package org.nimbusmedia.rtmfp.flash;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * An RTMP message carried on an RTMFP flow (RFC 7425 section 5.1.1): {@code type u8 | timestamp u32
 * | payload}; no chunk stream and no length, the flow message delimits it. The RTMP message stream
 * id comes from the flow's {@link TcMetadata}.
 *
 * @param type the RTMP message type (0x14 AMF0 command, 0x11 AMF3 command, 0x08 audio, ...)
 * @param timestamp the RTMP timestamp in milliseconds, unsigned 32-bit
 * @param payload the RTMP message payload
 */
public record FlowMessage(int type, long timestamp, byte[] payload) {
  /** Validates and copies. */
  public FlowMessage {
    if (type < 0 || type > 0xff || timestamp < 0 || timestamp > 0xffffffffL) {
      throw new IllegalArgumentException("type or timestamp out of range");
    }
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Encodes the flow message. */
  public byte[] encode() {
    return new WireWriter(5 + payload.length)
        .u8(type)
        .u32((int) timestamp)
        .bytes(payload)
        .toByteArray();
  }

  /** Decodes a flow message. */
  public static FlowMessage decode(byte[] message) {
    if (message.length < 5) {
      throw new MalformedException("flow message shorter than its header");
    }
    WireReader r = new WireReader(message);
    int type = r.u8();
    long timestamp = Integer.toUnsignedLong(r.u32());
    return new FlowMessage(type, timestamp, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowMessage m
        && m.type == type
        && m.timestamp == timestamp
        && Arrays.equals(m.payload, payload);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "FlowMessage[type=0x"
        + Integer.toHexString(type)
        + ", timestamp="
        + timestamp
        + ", "
        + payload.length
        + " bytes]";
  }
}
