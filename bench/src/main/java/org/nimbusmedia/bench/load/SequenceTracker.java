package org.nimbusmedia.bench.load;

/**
 * Counts the frames missing from one subscriber's view of one sequence (a publisher's video or its
 * audio). The first sequence number seen is the start, since a subscriber joins a live stream at
 * any point; after it, a jump forward counts the skipped numbers as missing, and a number at or
 * below the last one counts as out of order (a duplicate or a late frame). Not thread-safe: one
 * subscriber's frames arrive on one event loop.
 */
public final class SequenceTracker {

  private long next = -1;
  private long received;
  private long missing;
  private long outOfOrder;

  /**
   * Takes one received sequence number.
   *
   * @return how many frames this arrival shows to be missing (0 when in order)
   */
  public long accept(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be 0 or more, got " + sequence);
    }
    received++;
    if (next < 0 || sequence == next) {
      next = sequence + 1;
      return 0;
    }
    if (sequence < next) {
      outOfOrder++;
      return 0;
    }
    long gap = sequence - next;
    missing += gap;
    next = sequence + 1;
    return gap;
  }

  /** Sequence numbers received, in order or not. */
  public long received() {
    return received;
  }

  /** Sequence numbers skipped since the first one received. */
  public long missing() {
    return missing;
  }

  /** Sequence numbers received at or below the highest one already seen. */
  public long outOfOrder() {
    return outOfOrder;
  }
}
