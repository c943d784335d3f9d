package org.nimbusmedia.rtmfp.flow;

import java.util.Arrays;
import java.util.List;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;
import org.nimbusmedia.rtmfp.wire.Vlu;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * User Data chunk 0x10 and Next User Data chunk 0x11 (RFC 7016 sections 2.3.11 and 2.3.12): {@code
 * flags | VLU flowID | VLU sequence | VLU fsnOffset | [options marker] | data}; the 0x11 form omits
 * the three numbers, which follow from the previous user data chunk of the packet.
 *
 * @param flags OPT, FRA, ABN and FIN bits
 * @param flowId the sending flow
 * @param sequence the fragment's sequence number
 * @param fsnOffset sequence minus the forward sequence number
 * @param options flow options (only with OPT)
 * @param data the fragment
 */
public record UserData(
    int flags, long flowId, long sequence, long fsnOffset, List<RtmfpOption> options, byte[] data) {
  /** Options present. */
  public static final int OPT = 0x80;

  /** Fragmentation control mask. */
  public static final int FRA_MASK = 0x30;

  /** Whole message. */
  public static final int FRA_WHOLE = 0x00;

  /** First fragment of a message. */
  public static final int FRA_BEGIN = 0x10;

  /** Last fragment of a message. */
  public static final int FRA_END = 0x20;

  /** Middle fragment. */
  public static final int FRA_MIDDLE = 0x30;

  /** The sequence number is abandoned; the data is empty. */
  public static final int ABN = 0x02;

  /** The last sequence number of the flow. */
  public static final int FIN = 0x01;

  /** User data option: flow metadata (RFC 7016 section 2.3.11.1.1). */
  public static final int OPTION_METADATA = 0x00;

  /** User data option: return flow association (section 2.3.11.1.2). */
  public static final int OPTION_RETURN_FLOW = 0x0a;

  /** Largest flow id accepted; endpoints allocate small ids. */
  public static final long MAX_FLOW_ID = 1L << 31;

  /** Validates and copies. */
  public UserData {
    if (sequence < 1 || fsnOffset < 0 || fsnOffset > sequence || flowId < 0) {
      throw new IllegalArgumentException("bad flow numbers");
    }
    options = List.copyOf(options);
    flags = options.isEmpty() ? flags & ~OPT : flags | OPT;
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Data length without copying. */
  public int dataLength() {
    return data.length;
  }

  /** The forward sequence number: every sequence up to it is delivered or abandoned. */
  public long forwardSequence() {
    return sequence - fsnOffset;
  }

  /** The fragmentation bits. */
  public int fragmentation() {
    return flags & FRA_MASK;
  }

  /** Encodes as a 0x10 chunk. */
  public Chunk toChunk() {
    WireWriter w = new WireWriter(16 + data.length);
    w.u8(flags).vlu(flowId).vlu(sequence).vlu(fsnOffset);
    if (!options.isEmpty()) {
      for (RtmfpOption o : options) {
        w.option(o.type(), o.value());
      }
      w.marker();
    }
    return new Chunk(Chunk.USER_DATA, w.bytes(data).toByteArray());
  }

  /** Encoded chunk size, for packing packets; computed without encoding. */
  public int encodedSize() {
    int size =
        CHUNK_HEADER
            + 1
            + Vlu.size(flowId)
            + Vlu.size(sequence)
            + Vlu.size(fsnOffset)
            + data.length;
    return options.isEmpty() ? size : size + optionsSize(options);
  }

  /** Bytes a chunk header takes: type and 16-bit length (RFC 7016 section 2.3). */
  static final int CHUNK_HEADER = 3;

  /** Encoded size of an option list with its end marker (RFC 7016 section 2.1.3). */
  static int optionsSize(List<RtmfpOption> options) {
    int size = 1;
    for (RtmfpOption o : options) {
      int typeAndValue = Vlu.size(o.type()) + o.value().length;
      size += Vlu.size(typeAndValue) + typeAndValue;
    }
    return size;
  }

  /**
   * Decodes a 0x10 chunk, or a 0x11 chunk given the previous user data chunk of the same packet.
   */
  public static UserData decode(Chunk chunk, UserData previous) {
    WireReader r = new WireReader(chunk.body());
    int flags = r.u8();
    long flowId;
    long seq;
    long fsnOffset;
    if (chunk.type() == Chunk.NEXT_USER_DATA) {
      if (previous == null) {
        throw new MalformedException("Next User Data without a preceding User Data");
      }
      flowId = previous.flowId;
      seq = previous.sequence + 1;
      fsnOffset = previous.fsnOffset + 1;
    } else {
      flowId = r.vlu();
      seq = r.vlu();
      fsnOffset = r.vlu();
    }
    if (flowId > MAX_FLOW_ID || seq < 1 || fsnOffset > seq) {
      throw new MalformedException("bad flow numbers");
    }
    List<RtmfpOption> options = List.of();
    if ((flags & OPT) != 0) {
      RtmfpOption.OptionList list = RtmfpOption.parseList(r, true);
      if (!list.markerSeen()) {
        throw new MalformedException("user data options without marker");
      }
      options = list.options();
    }
    byte[] data = r.rest();
    if ((flags & ABN) != 0 && data.length != 0) {
      throw new MalformedException("abandoned fragment with data");
    }
    return new UserData(flags, flowId, seq, fsnOffset, options, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserData u
        && u.flags == flags
        && u.flowId == flowId
        && u.sequence == sequence
        && u.fsnOffset == fsnOffset
        && u.options.equals(options)
        && Arrays.equals(u.data, data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(flowId * 31 + sequence);
  }

  @Override
  public String toString() {
    return "UserData[flow="
        + flowId
        + ", seq="
        + sequence
        + ", flags=0x"
        + Integer.toHexString(flags)
        + ", "
        + data.length
        + " bytes]";
  }
}
