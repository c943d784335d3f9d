package org.nimbusmedia.rtmfp.session;

/**
 * When a receiver acknowledges (RFC 7016 section 3.6.3.4): at once after a packet that reveals a
 * gap, ends a flow or answers a Buffer Probe, and after every second packet with user data;
 * otherwise within the delayed acknowledgement time, or earlier with anything else this end sends.
 * Not thread-safe: the session's event loop owns it.
 */
final class AckTimer {
  /** RFC 7016 section 3.6.3.4: an acknowledgement is delayed by at most 200 ms. */
  static final long DELAY_MS = 200;

  private static final long NEVER = Long.MAX_VALUE;

  private int unacknowledgedPackets;
  private boolean immediate;
  private long deadline = NEVER;

  /** A packet with user data arrived; {@code urgent} when it must be acknowledged at once. */
  void received(long now, boolean urgent) {
    unacknowledgedPackets++;
    immediate |= urgent || unacknowledgedPackets >= 2;
    if (deadline == NEVER) {
      deadline = now + DELAY_MS;
    }
  }

  /** Something else (a Buffer Probe) asks for an acknowledgement at once. */
  void urgent() {
    immediate = true;
    if (deadline == NEVER) {
      deadline = 0;
    }
  }

  /**
   * Whether acknowledgements should go now.
   *
   * @param piggyback whether a packet leaves anyway, which they may ride on
   */
  boolean due(long now, boolean piggyback) {
    return deadline != NEVER && (immediate || piggyback || now >= deadline);
  }

  /** The acknowledgements went out. */
  void sent() {
    unacknowledgedPackets = 0;
    immediate = false;
    deadline = NEVER;
  }
}
