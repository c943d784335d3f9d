package org.nimbusmedia.server.so;

import org.nimbusmedia.rtmp.so.SharedObjectMessage;

/**
 * A connection subscribed to shared objects. {@link #deliver} is called with the object's lock
 * held, so it must not block: an implementation hands the message to its connection's event loop.
 */
public interface SharedObjectSubscriber {

  /** Sends one message to this subscriber. */
  void deliver(SharedObjectMessage message);
}
