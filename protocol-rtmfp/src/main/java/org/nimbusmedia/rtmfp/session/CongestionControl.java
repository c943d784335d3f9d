package org.nimbusmedia.rtmfp.session;

/**
 * The congestion window of one session, after RFC 7016 Appendix A as its author implements it in
 * rtmfp-cpp (without that library's delay-based and fast-growth extensions):
 *
 * <ul>
 *   <li>On an acknowledgement that reports loss, the window is cut once to the smaller of the
 *       window and the data outstanding, less half of that, or only an eighth when time-critical
 *       data was sent recently, so that real-time media keeps its rate (A.1); never below the
 *       initial window.
 *   <li>Otherwise, when the window was in use: slow start grows it by the bytes acknowledged (a
 *       quarter of them with time-critical data), congestion avoidance by 24 bytes (48 with
 *       time-critical data) for every {@code min(max(cwnd/16, 64), 4800)} bytes acknowledged; at
 *       most one packet per acknowledgement.
 *   <li>When the window is far from used, it decays by a byte per acknowledgement, so an idle
 *       sender does not keep a window it never tested.
 *   <li>On a retransmission timeout the slow start threshold keeps at least three quarters of the
 *       window (A.2) and the window restarts small: at the initial size after an idle period, at
 *       two packets when data was outstanding.
 *   <li>When an acknowledgement then shows that data the timeout declared lost had arrived after
 *       all, the timeout was spurious (a far end that stalled, not a path that dropped): the window
 *       and threshold go back to what they were, as TCP's Eifel response does (RFC 4015 section
 *       3.2). A loss in between rules that out.
 * </ul>
 *
 * Not thread-safe: the session's event loop owns it.
 */
final class CongestionControl {
  private final long mss;
  private final long initialWindow;
  private final long timedOutWindow;
  private final long decayMargin;
  private long window;
  private long slowStartThreshold = Long.MAX_VALUE;
  private long ackedAccumulator;

  /** Window and threshold before a timeout with data outstanding; -1 when there is none to undo. */
  private long windowBeforeTimeout = -1;

  private long thresholdBeforeTimeout;

  /**
   * @param mss the largest packet this end sends
   */
  CongestionControl(long mss) {
    this.mss = mss;
    this.initialWindow = 3 * mss;
    this.timedOutWindow = 2 * mss;
    this.decayMargin = 6 * mss;
    this.window = initialWindow;
  }

  /** The congestion window in bytes. */
  long window() {
    return window;
  }

  /** The slow start threshold in bytes. */
  long slowStartThreshold() {
    return slowStartThreshold;
  }

  /**
   * Applies one acknowledgement.
   *
   * @param ackedBytes payload bytes newly acknowledged
   * @param loss whether the acknowledgement revealed a loss (fast retransmit)
   * @param outstandingBefore payload bytes in flight before the acknowledgement
   * @param timeCritical whether time-critical data was sent recently
   */
  void acknowledged(long ackedBytes, boolean loss, long outstandingBefore, boolean timeCritical) {
    if (loss) {
      long preCut = Math.min(window, outstandingBefore);
      long allowance = timeCritical ? preCut / 8 : preCut / 2;
      slowStartThreshold = Math.max(preCut - allowance, initialWindow);
      window = slowStartThreshold;
      ackedAccumulator = 0;
      windowBeforeTimeout = -1;
    } else if (outstandingBefore > window * 63 / 64) {
      long increase = 0;
      if (window < slowStartThreshold) {
        increase = timeCritical ? (ackedBytes + 3) / 4 : ackedBytes;
        ackedAccumulator = 0;
      } else {
        long threshold = Math.min(Math.max(window / 16, 64), 4800);
        ackedAccumulator += ackedBytes;
        while (ackedAccumulator >= threshold) {
          ackedAccumulator -= threshold;
          increase += timeCritical ? 48 : 24;
        }
      }
      window = Math.max(window + Math.min(increase, mss), initialWindow);
    } else if (window > outstandingBefore + decayMargin) {
      window--;
    }
  }

  /**
   * Applies a retransmission timeout.
   *
   * @param outstanding whether data was in flight (a loss) rather than the session being idle
   */
  void timedOut(boolean outstanding) {
    if (outstanding && windowBeforeTimeout < 0) {
      windowBeforeTimeout = window;
      thresholdBeforeTimeout = slowStartThreshold;
    }
    slowStartThreshold = Math.max(slowStartThreshold, window * 3 / 4);
    window = outstanding ? timedOutWindow : initialWindow;
    ackedAccumulator = 0;
  }

  /**
   * Undoes the last timeout with data outstanding: an acknowledgement covered data it declared
   * lost, which had therefore not been lost (RFC 4015 section 3.2).
   */
  void timeoutWasSpurious() {
    if (windowBeforeTimeout >= 0) {
      window = Math.max(window, windowBeforeTimeout);
      slowStartThreshold = thresholdBeforeTimeout;
      windowBeforeTimeout = -1;
    }
  }
}
