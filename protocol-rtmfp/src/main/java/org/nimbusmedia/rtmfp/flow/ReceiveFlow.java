package org.nimbusmedia.rtmfp.flow;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The receiving side of a flow (RFC 7016 section 3.6.3): buffers fragments by sequence number,
 * reassembles messages and delivers them in sequence order, treats every sequence number at or
 * below the sender's forward sequence number as abandoned, and builds range acknowledgements.
 * Bounded: at most {@code maxBufferedBytes} of fragments and {@code maxMessageSize} bytes per
 * message are held; a fragment beyond the window is dropped unacked.
 */
public final class ReceiveFlow {
  private final long flowId;
  private final byte[] metadata;
  private final long returnFlowId;
  private final int maxBufferedBytes;
  private final int maxMessageSize;
  private final Consumer<byte[]> sink;

  private final TreeMap<Long, UserData> buffer = new TreeMap<>();
  private int bufferedBytes;
  private long cursor = 1;
  private long forwardSequence;
  private ByteArrayOutputStream partial;
  private boolean finished;
  private long delivered;
  private long abandonedMessages;

  /**
   * @param flowId the sender's flow id
   * @param metadata the flow metadata option value
   * @param returnFlowId our sending flow this flow answers, or -1
   * @param maxBufferedBytes receive buffer bound, advertised as the window
   * @param maxMessageSize largest reassembled message
   * @param sink receives each complete message, in order
   */
  public ReceiveFlow(
      long flowId,
      byte[] metadata,
      long returnFlowId,
      int maxBufferedBytes,
      int maxMessageSize,
      Consumer<byte[]> sink) {
    this.flowId = flowId;
    this.metadata = metadata.clone();
    this.returnFlowId = returnFlowId;
    this.maxBufferedBytes = maxBufferedBytes;
    this.maxMessageSize = maxMessageSize;
    this.sink = sink;
  }

  /** The sender's flow id. */
  public long flowId() {
    return flowId;
  }

  /** The flow metadata (for RTMP over RTMFP, {@code 'T' 'C' flags streamId}). */
  public byte[] metadata() {
    return metadata.clone();
  }

  /** Our flow this one is associated with (option 0x0a), or -1. */
  public long returnFlowId() {
    return returnFlowId;
  }

  /** Whether the final fragment (FIN) has been delivered. */
  public boolean finished() {
    return finished;
  }

  /** Whether fragments wait behind a gap: an acknowledgement should report it at once. */
  public boolean hasGap() {
    return !buffer.isEmpty();
  }

  /** Messages delivered so far. */
  public long deliveredMessages() {
    return delivered;
  }

  /** Messages dropped because a fragment was abandoned. */
  public long abandonedMessages() {
    return abandonedMessages;
  }

  /**
   * Accepts a fragment.
   *
   * @return whether the fragment was inside the window (an acknowledgement is due either way unless
   *     it was dropped for space)
   */
  public boolean receive(UserData fragment) {
    long seq = fragment.sequence();
    forwardSequence = Math.max(forwardSequence, fragment.forwardSequence());
    if (seq >= cursor && !buffer.containsKey(seq)) {
      if (bufferedBytes + fragment.dataLength() > maxBufferedBytes && seq != cursor) {
        return false;
      }
      buffer.put(seq, fragment);
      bufferedBytes += fragment.dataLength();
    }
    drain();
    return true;
  }

  private void drain() {
    while (true) {
      Map.Entry<Long, UserData> first = buffer.firstEntry();
      if (first == null || first.getKey() != cursor) {
        if (cursor <= forwardSequence) {
          // RFC 7016 section 3.6.3.2: sequence numbers up to the forward sequence number will
          // never arrive; skip them in one step and drop any message they break.
          long next =
              first == null ? forwardSequence + 1 : Math.min(forwardSequence + 1, first.getKey());
          dropPartial();
          cursor = next;
          continue;
        }
        return;
      }
      buffer.pollFirstEntry();
      UserData f = first.getValue();
      bufferedBytes -= f.dataLength();
      cursor++;
      process(f);
    }
  }

  private void process(UserData f) {
    if ((f.flags() & UserData.FIN) != 0) {
      finished = true;
    }
    if ((f.flags() & UserData.ABN) != 0) {
      dropPartial();
      return;
    }
    switch (f.fragmentation()) {
      case UserData.FRA_WHOLE -> {
        dropPartial();
        // An empty fragment with FIN only ends the flow: there is no message in it (a sender
        // that does not mark it abandoned, as Nimbus did before, still means no message).
        if (f.dataLength() > 0 || (f.flags() & UserData.FIN) == 0) {
          deliver(f.data());
        }
      }
      case UserData.FRA_BEGIN -> {
        dropPartial();
        partial = new ByteArrayOutputStream();
        append(f);
      }
      case UserData.FRA_MIDDLE -> append(f);
      default -> {
        append(f);
        if (partial != null) {
          byte[] message = partial.toByteArray();
          partial = null;
          deliver(message);
        }
      }
    }
  }

  private void append(UserData f) {
    if (partial == null) {
      // A middle or end fragment whose beginning was abandoned.
      return;
    }
    if (partial.size() + f.dataLength() > maxMessageSize) {
      dropPartial();
      return;
    }
    partial.writeBytes(f.data());
  }

  private void dropPartial() {
    if (partial != null) {
      partial = null;
      abandonedMessages++;
    }
  }

  private void deliver(byte[] message) {
    delivered++;
    sink.accept(message);
  }

  /** The acknowledgement for the current state (RFC 7016 section 3.6.3.4). */
  public AckRanges acknowledgement() {
    List<AckRanges.Range> ranges = new ArrayList<>();
    long start = -1;
    long end = -1;
    for (long seq : buffer.keySet()) {
      if (start >= 0 && seq == end + 1) {
        end = seq;
        continue;
      }
      if (start >= 0) {
        ranges.add(new AckRanges.Range(start, end));
        if (ranges.size() == AckRanges.MAX_RANGES) {
          break;
        }
      }
      start = seq;
      end = seq;
    }
    if (start >= 0 && ranges.size() < AckRanges.MAX_RANGES) {
      ranges.add(new AckRanges.Range(start, end));
    }
    long blocks = Math.max(0, maxBufferedBytes - bufferedBytes) / 1024;
    return new AckRanges(flowId, blocks, cursor - 1, ranges);
  }
}
