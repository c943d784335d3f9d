package org.nimbusmedia.rtmp.so;

import java.util.List;
import java.util.Objects;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;

/**
 * A whole shared object message (fms4.md section 2): the object's name, a version, the persistence
 * flag and the events in order. {@code encoding} selects the message type: AMF0 is 0x13, AMF3 is
 * 0x10 (a leading 0x00 byte, values possibly AMF3).
 *
 * @param streamId message stream id (0 in practice)
 * @param encoding AMF0 or AMF3 message type
 * @param name the object's name, possibly with {@code /} path parts
 * @param version an unsigned 32-bit version
 * @param persistent whether flag bit 0x02 is set (the other bits are ignored, fms4.md section 2)
 * @param events the events, at least zero
 */
public record SharedObjectMessage(
    int streamId,
    ObjectEncoding encoding,
    String name,
    long version,
    boolean persistent,
    List<SharedObjectEvent> events) {

  /** The flag bit that marks a persistent object. */
  public static final int PERSISTENT_FLAG = 0x02;

  public SharedObjectMessage {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(name, "name");
    if (version < 0 || version > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("version must be an unsigned 32-bit value: " + version);
    }
    events = List.copyOf(events);
  }

  /** A message on stream 0. */
  public static SharedObjectMessage of(
      ObjectEncoding encoding,
      String name,
      long version,
      boolean persistent,
      List<SharedObjectEvent> events) {
    return new SharedObjectMessage(0, encoding, name, version, persistent, events);
  }
}
