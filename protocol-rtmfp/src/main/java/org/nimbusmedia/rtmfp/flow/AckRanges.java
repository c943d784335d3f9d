package org.nimbusmedia.rtmfp.flow;

import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Range acknowledgement, chunk 0x51 (RFC 7016 section 2.3.14): {@code VLU flowID | VLU
 * bufferBlocksAvailable | VLU cumulativeAck | {VLU holesMinusOne, VLU receivedMinusOne}*}. Ranges
 * are held here as absolute inclusive sequence numbers above the cumulative ack.
 *
 * @param flowId the acknowledged (sending side's) flow
 * @param bufferBlocks receive window in 1024-byte blocks
 * @param cumulativeAck every sequence number up to it was received or abandoned
 * @param ranges received ranges above the cumulative ack, ascending and disjoint
 */
public record AckRanges(long flowId, long bufferBlocks, long cumulativeAck, List<Range> ranges) {
  /** Most ranges accepted or sent in one chunk. */
  public static final int MAX_RANGES = 256;

  /** An inclusive range of received sequence numbers. */
  public record Range(long first, long last) {
    /** Validates the order. */
    public Range {
      if (first > last) {
        throw new IllegalArgumentException("empty range");
      }
    }
  }

  /** Validates and copies. */
  public AckRanges {
    ranges = List.copyOf(ranges);
    long prev = cumulativeAck + 1;
    for (Range r : ranges) {
      if (r.first() <= prev) {
        throw new IllegalArgumentException("ranges must leave a hole above the previous one");
      }
      prev = r.last() + 1;
    }
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    WireWriter w = new WireWriter().vlu(flowId).vlu(bufferBlocks).vlu(cumulativeAck);
    long prev = cumulativeAck;
    for (Range r : ranges) {
      w.vlu(r.first() - prev - 2).vlu(r.last() - r.first());
      prev = r.last();
    }
    return new Chunk(Chunk.ACK_RANGES, w.toByteArray());
  }

  /** Decodes the body of a 0x51 chunk. */
  public static AckRanges decode(byte[] body) {
    WireReader r = new WireReader(body);
    long flowId = r.vlu();
    long blocks = r.vlu();
    long cum = r.vlu();
    List<Range> ranges = new ArrayList<>();
    long prev = cum;
    while (r.remaining() > 0) {
      if (ranges.size() == MAX_RANGES) {
        throw new MalformedException("too many ack ranges");
      }
      long first = prev + r.vlu() + 2;
      long last = first + r.vlu();
      if (last < prev || last > 1L << 56) {
        throw new MalformedException("ack range overflow");
      }
      ranges.add(new Range(first, last));
      prev = last;
    }
    return new AckRanges(flowId, blocks, cum, ranges);
  }
}
