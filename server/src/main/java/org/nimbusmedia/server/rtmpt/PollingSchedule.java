package org.nimbusmedia.server.rtmpt;

/**
 * The polling-interval byte that starts every {@code send} and {@code idle} reply: how long the
 * client waits before its next idle poll. {@code reference/fms4.md} section 3: the interval backs
 * off while the session is quiet and drops to the minimum as soon as data flows. The steps are
 * Red5's (0x01, 0x03, 0x05, 0x09, 0x11, 0x21, each after 10 empty replies); the ceiling 0x21 is
 * about FMS 4's {@code IdlePostInterval} of 512 ms if the byte counts ~16 ms units (inferred in
 * fms4.md). FMS's own step sizes are not documented. One per session, used on its event loop only.
 */
final class PollingSchedule {
  /** The intervals, shortest first. */
  static final int[] STEPS = {0x01, 0x03, 0x05, 0x09, 0x11, 0x21};

  /** Empty replies before the next, longer interval. */
  static final int EMPTY_REPLIES_PER_STEP = 10;

  private int step;
  private int emptyReplies;

  /** The byte for a reply that carries data (or answers a request that did): the minimum. */
  int dataFlowed() {
    step = 0;
    emptyReplies = 0;
    return STEPS[0];
  }

  /** The byte for an empty reply: the current interval, lengthened every few empty replies. */
  int emptyReply() {
    int current = STEPS[step];
    if (++emptyReplies >= EMPTY_REPLIES_PER_STEP && step < STEPS.length - 1) {
      step++;
      emptyReplies = 0;
    }
    return current;
  }
}
