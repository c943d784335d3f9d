package org.nimbusmedia.rtmfp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A decrypted RTMFP packet (RFC 7016 section 2.2.4): flags, optional timestamp and timestamp echo
 * (4 ms ticks), then chunks. Trailing {@code 0xFF} bytes are padding.
 *
 * @param flags the flags byte, including the mode bits
 * @param timestamp the 16-bit timestamp, or -1 when absent
 * @param timestampEcho the 16-bit timestamp echo, or -1 when absent
 * @param chunks the chunks in order
 */
public record Packet(int flags, int timestamp, int timestampEcho, List<Chunk> chunks) {
  /** Time critical (RFC 7016 section 2.2.4). */
  public static final int FLAG_TC = 0x80;

  /** Time critical reverse. */
  public static final int FLAG_TCR = 0x40;

  /** Timestamp present. */
  public static final int FLAG_TS = 0x08;

  /** Timestamp echo present. */
  public static final int FLAG_TSE = 0x04;

  /** Mask of the mode bits. */
  public static final int MODE_MASK = 0x03;

  /** Mode: packet sent by the session initiator. */
  public static final int MODE_INITIATOR = 1;

  /** Mode: packet sent by the session responder. */
  public static final int MODE_RESPONDER = 2;

  /** Mode: startup packet (handshake, session id 0). */
  public static final int MODE_STARTUP = 3;

  /** Validates the fields and derives the TS/TSE flags from the optional values. */
  public Packet {
    if (timestamp < -1 || timestamp > 0xffff || timestampEcho < -1 || timestampEcho > 0xffff) {
      throw new IllegalArgumentException("timestamps are 16-bit");
    }
    flags &= ~(FLAG_TS | FLAG_TSE);
    if (timestamp >= 0) {
      flags |= FLAG_TS;
    }
    if (timestampEcho >= 0) {
      flags |= FLAG_TSE;
    }
    chunks = List.copyOf(chunks);
  }

  /** The mode bits (1 initiator, 2 responder, 3 startup). */
  public int mode() {
    return flags & MODE_MASK;
  }

  /** Encoded size of the flags, timestamps and chunks. */
  public int encodedSize() {
    int n = 1 + (timestamp >= 0 ? 2 : 0) + (timestampEcho >= 0 ? 2 : 0);
    for (Chunk c : chunks) {
      n += c.encodedSize();
    }
    return n;
  }

  /** Writes the packet (without checksum and padding). */
  public void write(WireWriter w) {
    w.u8(flags);
    if (timestamp >= 0) {
      w.u16(timestamp);
    }
    if (timestampEcho >= 0) {
      w.u16(timestampEcho);
    }
    for (Chunk c : chunks) {
      w.u8(c.type()).u16(c.body().length).bytes(c.body());
    }
  }

  /**
   * Parses a packet. Parsing stops at a padding byte ({@code 0xFF}) or when fewer than 3 bytes
   * remain; a chunk whose length overruns the packet is malformed.
   */
  public static Packet read(WireReader r) {
    int flags = r.u8();
    int ts = (flags & FLAG_TS) != 0 ? r.u16() : -1;
    int echo = (flags & FLAG_TSE) != 0 ? r.u16() : -1;
    List<Chunk> chunks = new ArrayList<>();
    while (r.remaining() >= 3) {
      int type = r.u8();
      if (type == Chunk.PADDING) {
        break;
      }
      int length = r.u16();
      if (length > r.remaining()) {
        throw new MalformedException("chunk 0x" + Integer.toHexString(type) + " overruns packet");
      }
      chunks.add(new Chunk(type, r.bytes(length)));
    }
    return new Packet(flags, ts, echo, chunks);
  }
}
