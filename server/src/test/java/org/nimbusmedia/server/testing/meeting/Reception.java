package org.nimbusmedia.server.testing.meeting;

import org.nimbusmedia.rtmfp.meeting.MediaPath;

/**
 * What a participant received of one publisher: distinct frames, the largest run of frames it
 * missed between two it got (whatever the path), and frames and arrival times per path.
 */
public final class Reception {
  private int last = -1;
  private long frames;
  private int largestGap;
  private final long[] perPath = new long[2];
  private final long[] firstSinceMark = new long[2];
  private long mark = Long.MAX_VALUE;

  synchronized void frame(int sequence, MediaPath path, long nanos) {
    perPath[path.ordinal()]++;
    if (nanos >= mark && firstSinceMark[path.ordinal()] == 0) {
      firstSinceMark[path.ordinal()] = nanos;
    }
    if (sequence <= last) {
      return; // the same frame by the other path
    }
    if (last >= 0) {
      largestGap = Math.max(largestGap, sequence - last - 1);
    }
    last = sequence;
    frames++;
  }

  /** Distinct frames received. */
  public synchronized long frames() {
    return frames;
  }

  /** Frames that came by {@code path}, counting those that also came the other way. */
  public synchronized long frames(MediaPath path) {
    return perPath[path.ordinal()];
  }

  /** The most consecutive frames missed since the first one received (or {@link #resetGap}). */
  public synchronized int largestGap() {
    return largestGap;
  }

  public synchronized void resetGap() {
    largestGap = 0;
  }

  /** From now on, remember when the first frame arrives by each path. */
  public synchronized void mark(long nanos) {
    mark = nanos;
    firstSinceMark[0] = 0;
    firstSinceMark[1] = 0;
  }

  /** When the first frame came by {@code path} since {@link #mark}; 0 for not yet. */
  public synchronized long firstSinceMark(MediaPath path) {
    return firstSinceMark[path.ordinal()];
  }
}
