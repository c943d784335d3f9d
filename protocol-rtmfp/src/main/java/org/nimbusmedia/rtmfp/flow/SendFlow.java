package org.nimbusmedia.rtmfp.flow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;

/**
 * The sending side of a flow (RFC 7016 section 3.6.2): splits messages into fragments with sequence
 * numbers, sends the flow options until the first acknowledgement, retransmits on timeout or after
 * three later fragments were acknowledged, honours the receiver's window, and abandons fragments of
 * messages whose deadline passed (partial reliability), announcing that with the ABN flag and the
 * forward sequence number.
 */
public final class SendFlow {
  /** Fragments reported missing by this many acknowledgements are resent at once. */
  static final int FAST_RETRANSMIT_NACKS = 3;

  /** Deadline of a message that must never be abandoned. */
  public static final long RELIABLE = Long.MAX_VALUE;

  private final long flowId;
  private final List<RtmfpOption> options;
  private final int priority;
  private final TreeMap<Long, Fragment> outstanding = new TreeMap<>();
  private long nextSequence = 1;
  private boolean acknowledged;
  private long windowBytes = 65536;
  private long bytesInFlight;
  private long retransmissions;
  private boolean finQueued;
  private boolean rejected;
  private boolean timeCritical;
  private long lastProbeAt = Long.MIN_VALUE;

  /** One fragment awaiting acknowledgement. */
  private static final class Fragment {
    final long sequence;
    final int fragmentation;
    final byte[] data;
    final long deadline;
    boolean fin;
    long sentAt = -1;
    int sendCount;
    int nacks;
    int counted;
    boolean abandoned;
    boolean resendNow;

    Fragment(long sequence, int fragmentation, byte[] data, long deadline) {
      this.sequence = sequence;
      this.fragmentation = fragmentation;
      this.data = data;
      this.deadline = deadline;
    }

    int payload() {
      return abandoned ? 0 : data.length;
    }
  }

  /** What an acknowledgement changed. */
  public record AckResult(long bytesAcked, boolean lossDetected) {}

  /**
   * @param flowId this flow's id, unique in the session
   * @param metadata flow metadata (option 0x00)
   * @param returnFlowId the peer's flow this one answers (option 0x0a), or -1
   * @param priority lower values are sent first
   */
  public SendFlow(long flowId, byte[] metadata, long returnFlowId, int priority) {
    this.flowId = flowId;
    List<RtmfpOption> opts = new ArrayList<>();
    opts.add(new RtmfpOption(UserData.OPTION_METADATA, metadata));
    if (returnFlowId >= 0) {
      opts.add(
          new RtmfpOption(
              UserData.OPTION_RETURN_FLOW,
              new org.nimbusmedia.rtmfp.wire.WireWriter().vlu(returnFlowId).toByteArray()));
    }
    this.options = List.copyOf(opts);
    this.priority = priority;
  }

  /** This flow's id. */
  public long flowId() {
    return flowId;
  }

  /** Send priority; lower first. */
  public int priority() {
    return priority;
  }

  /** Whether the receiver rejected the flow with a flow exception. */
  public boolean rejected() {
    return rejected;
  }

  /**
   * Whether this flow carries messages with a deadline: real-time media, which RFC 7016 treats as
   * time-critical (the TC flag of section 2.2.4 and the gentler decrease of Appendix A).
   */
  public boolean timeCritical() {
    return timeCritical;
  }

  /**
   * Whether a Buffer Probe is due (RFC 7016 section 3.6.2.5): the receiver advertised no buffer
   * space, nothing is in flight to draw a new acknowledgement, and data waits. At most one probe
   * per retransmission timeout; the caller sends it.
   */
  public boolean probeDue(long now, long rto) {
    if (!acknowledged || windowBytes > 0 || bytesInFlight > 0 || !hasUnsent() || rejected) {
      return false;
    }
    if (lastProbeAt != Long.MIN_VALUE && now - lastProbeAt < rto) {
      return false;
    }
    lastProbeAt = now;
    return true;
  }

  /** Whether fragments wait for their first transmission. */
  public boolean hasUnsent() {
    return !outstanding.isEmpty() && outstanding.lastEntry().getValue().sentAt < 0;
  }

  /** Bytes sent and not yet acknowledged. */
  public long bytesInFlight() {
    return bytesInFlight;
  }

  /** Whether nothing is left to send or acknowledge. */
  public boolean idle() {
    return outstanding.isEmpty();
  }

  /** Fragments sent again so far, after a timeout or a loss seen in acknowledgements. */
  public long retransmissions() {
    return retransmissions;
  }

  /** Fragments queued or unacknowledged. */
  public int queuedFragments() {
    return outstanding.size();
  }

  /**
   * Queues a message.
   *
   * @param message the message bytes
   * @param maxFragment largest fragment payload
   * @param deadline time (same clock as {@code now} below) after which an unacknowledged fragment
   *     is abandoned, or {@link #RELIABLE}
   */
  public void write(byte[] message, int maxFragment, long deadline) {
    if (finQueued || rejected) {
      throw new IllegalStateException("flow is closed");
    }
    timeCritical = deadline != RELIABLE;
    int count = Math.max(1, (message.length + maxFragment - 1) / maxFragment);
    for (int i = 0; i < count; i++) {
      int from = i * maxFragment;
      int to = Math.min(message.length, from + maxFragment);
      byte[] data = java.util.Arrays.copyOfRange(message, from, to);
      int fra;
      if (count == 1) {
        fra = UserData.FRA_WHOLE;
      } else if (i == 0) {
        fra = UserData.FRA_BEGIN;
      } else if (i == count - 1) {
        fra = UserData.FRA_END;
      } else {
        fra = UserData.FRA_MIDDLE;
      }
      outstanding.put(nextSequence, new Fragment(nextSequence, fra, data, deadline));
      nextSequence++;
    }
  }

  /** Ends the flow: the last fragment carries FIN (RFC 7016 section 3.6.2.3). */
  public void close() {
    if (finQueued) {
      return;
    }
    finQueued = true;
    Fragment last = outstanding.isEmpty() ? null : outstanding.lastEntry().getValue();
    if (last != null && last.sentAt < 0) {
      last.fin = true;
    } else {
      Fragment fin = new Fragment(nextSequence, UserData.FRA_WHOLE, new byte[0], RELIABLE);
      fin.fin = true;
      outstanding.put(nextSequence++, fin);
    }
  }

  /** Marks the flow rejected by the receiver; nothing more is sent. */
  public void reject() {
    rejected = true;
    outstanding.clear();
    bytesInFlight = 0;
  }

  /** The forward sequence number: every lower sequence is acknowledged or abandoned. */
  long forwardSequence() {
    for (Fragment f : outstanding.values()) {
      if (!f.abandoned) {
        return f.sequence - 1;
      }
    }
    return nextSequence - 1;
  }

  /**
   * The next fragment to transmit, or null.
   *
   * @param now current time in nanoseconds
   * @param rto retransmission timeout in nanoseconds
   * @param allowNew whether congestion control allows another new fragment
   */
  public UserData poll(long now, long rto, boolean allowNew) {
    for (Fragment f : outstanding.values()) {
      if (!f.abandoned && f.deadline != RELIABLE && now - f.deadline > 0) {
        f.abandoned = true;
      }
      boolean due;
      if (f.sentAt < 0) {
        // A closed window (0 blocks) stops new data; Buffer Probes ask when it reopens.
        boolean fits =
            windowBytes > 0 && (bytesInFlight == 0 || bytesInFlight + f.payload() <= windowBytes);
        due = allowNew && fits;
        if (!due) {
          return null;
        }
      } else {
        long backoff = rto << Math.min(3, f.sendCount - 1);
        due = f.resendNow || now - f.sentAt >= backoff;
      }
      if (due) {
        if (f.sentAt < 0) {
          f.counted = f.payload();
          bytesInFlight += f.counted;
        } else {
          retransmissions++;
        }
        f.sentAt = now;
        f.sendCount++;
        f.resendNow = false;
        f.nacks = 0;
        return toUserData(f);
      }
    }
    return null;
  }

  private UserData toUserData(Fragment f) {
    int flags = f.fragmentation;
    byte[] data = f.data;
    if (f.abandoned) {
      flags |= UserData.ABN;
      data = new byte[0];
    }
    if (f.fin) {
      flags |= UserData.FIN;
    }
    long fsn = Math.min(forwardSequence(), f.sequence);
    return new UserData(
        flags, flowId, f.sequence, f.sequence - fsn, acknowledged ? List.of() : options, data);
  }

  /** Applies an acknowledgement (RFC 7016 section 3.6.2.4). */
  public AckResult acknowledge(AckRanges ack) {
    acknowledged = true;
    windowBytes = Math.min(ack.bufferBlocks(), 1L << 20) * 1024;
    long bytesAcked = 0;
    long highest = ack.cumulativeAck();
    Iterator<Map.Entry<Long, Fragment>> it =
        outstanding.headMap(ack.cumulativeAck(), true).entrySet().iterator();
    while (it.hasNext()) {
      Fragment f = it.next().getValue();
      bytesAcked += f.counted;
      bytesInFlight -= f.counted;
      it.remove();
    }
    for (AckRanges.Range r : ack.ranges()) {
      highest = r.last();
      Iterator<Fragment> in =
          outstanding.subMap(r.first(), true, r.last(), true).values().iterator();
      while (in.hasNext()) {
        Fragment f = in.next();
        bytesAcked += f.counted;
        bytesInFlight -= f.counted;
        in.remove();
      }
    }
    boolean loss = false;
    for (Fragment f : outstanding.headMap(highest, false).values()) {
      if (f.sentAt >= 0 && !f.resendNow && ++f.nacks >= FAST_RETRANSMIT_NACKS) {
        f.resendNow = true;
        loss = true;
      }
    }
    return new AckResult(bytesAcked, loss);
  }
}
