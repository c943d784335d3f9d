package org.nimbusmedia.rtmfp.session;

import org.nimbusmedia.rtmfp.flow.ReceiveFlow;

/** Receives session events on the endpoint's event loop; must not block. */
public interface SessionListener {
  /** A session completed its handshake. */
  default void sessionOpened(Session session) {}

  /** A complete message arrived on a flow, in flow order. */
  default void message(Session session, ReceiveFlow flow, byte[] message) {}

  /** A session closed, for whatever reason. */
  default void sessionClosed(Session session) {}
}
