package org.nimbusmedia.rtmfp.session;

import org.nimbusmedia.rtmfp.flow.ReceiveFlow;

/** Receives session events on the endpoint's event loop; must not block. */
public interface SessionListener {
  /** A session completed its handshake. */
  default void sessionOpened(Session session) {}

  /** A complete message arrived on a flow, in flow order. */
  default void message(Session session, ReceiveFlow flow, byte[] message) {}

  /**
   * The far end closed the session (RFC 7016 section 3.5.5.2): it carries no more messages, though
   * it lingers in S_FAR_CLOSE_LINGER to acknowledge repeated close requests before {@link
   * #sessionClosed}.
   */
  default void sessionClosedByFarEnd(Session session) {}

  /** A session closed, for whatever reason. */
  default void sessionClosed(Session session) {}

  /**
   * A round-trip time was measured from a timestamp echo (RFC 7016 section 3.5.2.2).
   *
   * @param millis the sample, in milliseconds (4 ms resolution)
   */
  default void roundTrip(Session session, long millis) {}

  /** User data fragments were sent again: lost or not acknowledged in time (section 3.6.2.3). */
  default void retransmitted(Session session, int fragments) {}
}
