package org.nimbusmedia.rtmfp.flash;

import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Flow metadata of RTMP over RTMFP (RFC 7425 section 5.1): {@code 'T' 'C' flags VLU(streamId)};
 * flag {@code 0x04} says the stream id is present (it always is), flag {@code 0x01} asks for
 * network-order delivery, otherwise sequence order. NetConnection traffic uses stream 0: {@code 54
 * 43 04 00}.
 *
 * @param streamId the RTMP message stream id
 * @param networkOrder whether messages may be delivered as they arrive (RXI)
 */
public record TcMetadata(int streamId, boolean networkOrder) {
  private static final int FLAG_STREAM_ID = 0x04;
  private static final int FLAG_NETWORK_ORDER = 0x01;

  /** Validates the stream id. */
  public TcMetadata {
    if (streamId < 0) {
      throw new IllegalArgumentException("stream id must not be negative");
    }
  }

  /** Metadata of the NetConnection control flow. */
  public static TcMetadata control() {
    return new TcMetadata(0, false);
  }

  /** Encodes the metadata. */
  public byte[] encode() {
    return new WireWriter()
        .u8('T')
        .u8('C')
        .u8(FLAG_STREAM_ID | (networkOrder ? FLAG_NETWORK_ORDER : 0))
        .vlu(streamId)
        .toByteArray();
  }

  /** Decodes metadata, or returns null when it is not TC metadata (another profile's flow). */
  public static TcMetadata decode(byte[] metadata) {
    if (metadata.length < 3 || metadata[0] != 'T' || metadata[1] != 'C') {
      return null;
    }
    WireReader r = new WireReader(metadata, 2, metadata.length - 2);
    int flags = r.u8();
    if ((flags & FLAG_STREAM_ID) == 0) {
      throw new MalformedException("TC metadata without a stream id");
    }
    return new TcMetadata(r.vluBounded(Integer.MAX_VALUE), (flags & FLAG_NETWORK_ORDER) != 0);
  }
}
