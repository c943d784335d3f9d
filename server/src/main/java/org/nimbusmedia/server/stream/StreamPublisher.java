package org.nimbusmedia.server.stream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The connection publishing a live stream, as the bus needs to know it for take-overs. */
public interface StreamPublisher {
  /** A short description for logs, such as the connection id and remote address. */
  String describe();

  /**
   * Asks the publisher's client whether it is still there (an RTMP ping). Completes with {@code
   * true} when it answers within {@code timeout}, {@code false} otherwise; never exceptionally.
   */
  CompletableFuture<Boolean> probeAlive(Duration timeout);

  /** The publisher lost its stream to a new publisher of the same name and must stop sending. */
  void onTakenOver(String streamName);
}
