package org.nimbusmedia.server.rtmpt;

import java.util.List;

/**
 * The polling-interval byte that starts every {@code send} and {@code idle} reply: how long the
 * client waits before its next idle poll. {@code reference/fms4.md} section 3: the interval backs
 * off while the session is quiet and drops to the minimum as soon as data flows. The default steps
 * are Red5's (0x01, 0x03, 0x05, 0x09, 0x11, 0x21, each after 10 empty replies); the ceiling 0x21 is
 * about FMS 4's {@code IdlePostInterval} of 512 ms if the byte counts ~16 ms units (inferred in
 * fms4.md). FMS's own step sizes are not documented; {@code rtmpt.pollingIntervals} sets them. One
 * per session, used on its event loop only.
 */
final class PollingSchedule {
  private final int[] steps;
  private final int emptyRepliesPerStep;
  private int step;
  private int emptyReplies;

  /** {@code intervals} shortest first, each kept for {@code emptyRepliesPerStep} empty replies. */
  PollingSchedule(List<Integer> intervals, int emptyRepliesPerStep) {
    this.steps = intervals.stream().mapToInt(Integer::intValue).toArray();
    this.emptyRepliesPerStep = emptyRepliesPerStep;
  }

  /** The byte for a reply that carries data (or answers a request that did): the minimum. */
  int dataFlowed() {
    step = 0;
    emptyReplies = 0;
    return steps[0];
  }

  /** The byte for an empty reply: the current interval, lengthened every few empty replies. */
  int emptyReply() {
    int current = steps[step];
    if (++emptyReplies >= emptyRepliesPerStep && step < steps.length - 1) {
      step++;
      emptyReplies = 0;
    }
    return current;
  }
}
