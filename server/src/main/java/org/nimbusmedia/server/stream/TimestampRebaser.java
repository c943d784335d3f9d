package org.nimbusmedia.server.stream;

import java.util.List;

/**
 * Turns a publisher's timestamps into one subscriber's: they start at 0 when the subscriber starts
 * and never go backwards, even when the publisher leaves and another one starts again from 0
 * (players stall or drop frames on timestamps that jump back).
 */
public final class TimestampRebaser {
  /** What {@link #shiftFor} answers when the frames' timestamps do not move by one constant. */
  public static final long NO_SHIFT = Long.MIN_VALUE;

  private boolean based;
  private long base;
  private long offset;
  private long last;

  /** The subscriber's timestamp for a frame the publisher stamped {@code timestamp}. */
  public long rebase(StreamFrame frame) {
    if (!based) {
      // Cached headers and metadata come before the first media frame; they play at the start.
      if (frame.isSequenceHeader() || frame.kind() == FrameKind.DATA) {
        return last;
      }
      based = true;
      base = frame.timestamp();
    }
    long candidate = offset + frame.timestamp() - base;
    last = Math.max(last, candidate);
    return last;
  }

  /**
   * The constant {@link #rebase} would add to the timestamp of each of {@code frames}, rebased in
   * order from now, or {@link #NO_SHIFT} when it would not be one constant (the subscriber has no
   * media yet, or a timestamp would be held back from going backwards). Changes nothing.
   */
  public long shiftFor(List<StreamFrame> frames) {
    if (!based) {
      return NO_SHIFT;
    }
    long shift = offset - base;
    long running = last;
    for (StreamFrame frame : frames) {
      long rebased = frame.timestamp() + shift;
      if (rebased < running) {
        return NO_SHIFT;
      }
      running = rebased;
    }
    return shift;
  }

  /** A new publication starts: its first frame continues from the last timestamp given out. */
  public void restart() {
    based = false;
    offset = last;
  }
}
