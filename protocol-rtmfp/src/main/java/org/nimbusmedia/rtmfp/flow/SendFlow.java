package org.nimbusmedia.rtmfp.flow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;
import org.nimbusmedia.rtmfp.wire.Vlu;

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

  /** The lowest sequence number never transmitted: below it, fragments are in flight or lost. */
  private long firstUnsent = 1;

  /** Fragments declared lost and not yet sent again. */
  private int lostFragments;

  /** The clock value of the last expiry scan. */
  private long scannedAt = Long.MIN_VALUE;

  /** One fragment awaiting acknowledgement. */
  private static final class Fragment {
    final long sequence;
    final int fragmentation;
    final byte[] data;
    final long deadline;
    boolean fin;
    // The fragment close() adds to carry FIN when no message is left to carry it.
    boolean endOfFlow;
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

    /**
     * The bytes this fragment counts in flight. A fragment counts while it may be lost and sent
     * again; the end-of-flow fragment, with no data, counts one byte so that a lost FIN is resent.
     */
    int payload() {
      if (endOfFlow) {
        return 1;
      }
      return abandoned ? 0 : data.length;
    }
  }

  /**
   * What an acknowledgement changed.
   *
   * @param bytesAcked payload bytes in flight that it acknowledged
   * @param lossDetected whether it revealed a loss (fast retransmit)
   * @param lostDataArrived whether it acknowledged a fragment declared lost and not yet resent: the
   *     declaration was wrong
   */
  public record AckResult(long bytesAcked, boolean lossDetected, boolean lostDataArrived) {}

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
   * The largest fragment whose User Data chunk fits in {@code chunkRoom} bytes however far the flow
   * has come: sequence number and forward sequence offset at their longest VLU, and the options
   * that go with every fragment until the first acknowledgement (RFC 7016 section 3.6.2.3).
   * Fragments this size fill a packet, so a message takes as few packets as it can.
   */
  public int largestFragment(int chunkRoom) {
    int header =
        UserData.CHUNK_HEADER
            + 1
            + Vlu.size(flowId)
            + 2 * Vlu.size(Long.MAX_VALUE)
            + UserData.optionsSize(options);
    return chunkRoom - header;
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
      fin.endOfFlow = true;
      outstanding.put(nextSequence++, fin);
    }
  }

  /** Marks the flow rejected by the receiver; nothing more is sent. */
  public void reject() {
    rejected = true;
    outstanding.clear();
    bytesInFlight = 0;
    lostFragments = 0;
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
   * @param now current time in milliseconds
   * @param rto retransmission timeout in milliseconds
   * @param allowNew whether congestion control allows more bytes in flight
   */
  public UserData poll(long now, long rto, boolean allowNew) {
    return poll(now, rto, allowNew, Integer.MAX_VALUE);
  }

  /**
   * The next fragment to transmit if its chunk fits in {@code room} bytes, or null; a fragment that
   * does not fit stays due for the next packet. Fragments go in sequence order: retransmissions of
   * lost ones first, then new ones. Both add bytes in flight, so both wait for congestion control
   * (RFC 7016 section 3.6.2.3 and Appendix A); only abandonment notices, which carry no data, go
   * regardless.
   *
   * @param now current time in milliseconds
   * @param rto retransmission timeout in milliseconds
   * @param allowNew whether congestion control allows more bytes in flight
   * @param room bytes left in the packet being assembled
   */
  public UserData poll(long now, long rto, boolean allowNew, int room) {
    if (now != scannedAt) {
      scannedAt = now;
      expire(now, rto);
    }
    if (lostFragments > 0) {
      for (Fragment f : outstanding.headMap(firstUnsent, false).values()) {
        if (f.resendNow) {
          return !allowNew && f.payload() > 0 ? null : transmit(f, now, room);
        }
      }
    }
    Map.Entry<Long, Fragment> next = outstanding.ceilingEntry(firstUnsent);
    if (next == null) {
      return null;
    }
    Fragment f = next.getValue();
    abandonIfLate(f, now);
    // A closed window (0 blocks) stops new data; Buffer Probes ask when it reopens.
    boolean fits =
        windowBytes > 0 && (bytesInFlight == 0 || bytesInFlight + f.payload() <= windowBytes);
    if (!allowNew || !fits) {
      return null;
    }
    UserData data = transmit(f, now, room);
    if (data != null) {
      firstUnsent = f.sequence + 1;
    }
    return data;
  }

  /**
   * Once per clock tick: marks late messages abandoned and fragments whose retransmission timer ran
   * out (backing off exponentially with each resend) lost. Done once rather than on every poll,
   * since a poll per packet over every fragment in flight grows with the square of the window.
   */
  private void expire(long now, long rto) {
    for (Fragment f : outstanding.headMap(firstUnsent, false).values()) {
      abandonIfLate(f, now);
      if (f.counted > 0 && now - f.sentAt >= rto << Math.min(3, f.sendCount - 1)) {
        lost(f);
      }
    }
  }

  private static void abandonIfLate(Fragment f, long now) {
    if (!f.abandoned && f.deadline != RELIABLE && now - f.deadline > 0) {
      f.abandoned = true;
    }
  }

  private UserData transmit(Fragment f, long now, int room) {
    UserData data = toUserData(f);
    if (data.encodedSize() > room) {
      return null;
    }
    if (f.resendNow) {
      f.resendNow = false;
      lostFragments--;
    }
    if (f.sendCount > 0) {
      retransmissions++;
    }
    f.counted = f.payload();
    bytesInFlight += f.counted;
    f.sentAt = now;
    f.sendCount++;
    f.nacks = 0;
    return data;
  }

  /**
   * Declares every fragment in flight lost, after the session's retransmission timeout (RFC 7016
   * Appendix A.2): none of them counts as in flight any more, and each is sent again, or abandoned,
   * as congestion control allows.
   */
  public void timedOut() {
    for (Fragment f : outstanding.values()) {
      if (f.counted > 0) {
        lost(f);
      }
    }
  }

  /** A lost fragment leaves the bytes in flight and waits to be sent again. */
  private void lost(Fragment f) {
    bytesInFlight -= f.counted;
    f.counted = 0;
    f.resendNow = true;
    lostFragments++;
  }

  /**
   * Takes back the losses a spurious timeout declared: fragments still waiting to be resent count
   * as in flight again and keep their retransmission timers.
   */
  public void timeoutWasSpurious() {
    for (Fragment f : outstanding.headMap(firstUnsent, false).values()) {
      if (f.resendNow && !f.abandoned) {
        f.resendNow = false;
        lostFragments--;
        f.counted = f.payload();
        bytesInFlight += f.counted;
      }
    }
  }

  /**
   * Forgets an acknowledged fragment.
   *
   * @return whether it had been declared lost and not resent
   */
  private boolean remove(Iterator<Fragment> fragments, Fragment f) {
    bytesInFlight -= f.counted;
    fragments.remove();
    if (f.resendNow) {
      lostFragments--;
      return true;
    }
    return false;
  }

  private UserData toUserData(Fragment f) {
    int flags = f.fragmentation;
    byte[] data = f.data;
    // The end-of-flow fragment holds no message: it goes marked abandoned, so that no receiver
    // delivers it as an empty one (rtmfp-cpp and MonaServer send it so too). It stays reliable
    // here, resent until acknowledged, as the FIN must arrive.
    if (f.abandoned || f.endOfFlow) {
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
    boolean lostDataArrived = false;
    long highest = ack.cumulativeAck();
    Iterator<Fragment> it = outstanding.headMap(ack.cumulativeAck(), true).values().iterator();
    while (it.hasNext()) {
      Fragment f = it.next();
      bytesAcked += f.counted;
      lostDataArrived |= remove(it, f);
    }
    for (AckRanges.Range r : ack.ranges()) {
      highest = r.last();
      Iterator<Fragment> in =
          outstanding.subMap(r.first(), true, r.last(), true).values().iterator();
      while (in.hasNext()) {
        Fragment f = in.next();
        bytesAcked += f.counted;
        lostDataArrived |= remove(in, f);
      }
    }
    boolean loss = false;
    for (Fragment f : outstanding.headMap(highest, false).values()) {
      if (f.counted > 0 && ++f.nacks >= FAST_RETRANSMIT_NACKS) {
        lost(f);
        loss = true;
      }
    }
    return new AckResult(bytesAcked, loss, lostDataArrived);
  }
}
