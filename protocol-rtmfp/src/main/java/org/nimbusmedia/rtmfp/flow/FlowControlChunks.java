package org.nimbusmedia.rtmfp.flow;

import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Buffer Probe 0x18 ({@code VLU flowID}, RFC 7016 section 2.3.15) and Flow Exception Report 0x5e
 * ({@code VLU flowID | VLU code}, section 2.3.16).
 */
public final class FlowControlChunks {
  private FlowControlChunks() {}

  /** A buffer probe for a receive flow's window. */
  public static Chunk bufferProbe(long flowId) {
    return new Chunk(Chunk.BUFFER_PROBE, new WireWriter().vlu(flowId).toByteArray());
  }

  /** A flow exception report: the receiver rejects the sender's flow. */
  public static Chunk flowException(long flowId, long code) {
    return new Chunk(Chunk.FLOW_EXCEPTION, new WireWriter().vlu(flowId).vlu(code).toByteArray());
  }

  /** The flow id of a buffer probe or flow exception. */
  public static long flowId(Chunk chunk) {
    return new WireReader(chunk.body()).vlu();
  }

  /** The code of a flow exception. */
  public static long exceptionCode(Chunk chunk) {
    WireReader r = new WireReader(chunk.body());
    r.vlu();
    return r.vlu();
  }
}
