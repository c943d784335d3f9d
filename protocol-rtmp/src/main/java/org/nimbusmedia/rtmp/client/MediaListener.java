package org.nimbusmedia.rtmp.client;

import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;

/**
 * Receives a stream's media and data messages on the connection's event loop, in arrival order.
 * Must not block. The media message is released after {@link #onMedia} returns: a listener that
 * keeps it calls {@code retain()} (or {@code retainedDuplicate()}) and releases it later.
 */
public interface MediaListener {

  /** An audio or video message. */
  void onMedia(ClientStream stream, MediaMessage message);

  /** A data message, e.g. {@code onMetaData}. */
  default void onData(ClientStream stream, DataMessage message) {}
}
