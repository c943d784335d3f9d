package org.nimbusmedia.server.stream;

/**
 * Turns a publisher's timestamps into one subscriber's: they start at 0 when the subscriber starts
 * and never go backwards, even when the publisher leaves and another one starts again from 0
 * (players stall or drop frames on timestamps that jump back).
 */
public final class TimestampRebaser {
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

  /** A new publication starts: its first frame continues from the last timestamp given out. */
  public void restart() {
    based = false;
    offset = last;
  }
}
