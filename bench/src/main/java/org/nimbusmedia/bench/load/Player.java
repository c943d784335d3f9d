package org.nimbusmedia.bench.load;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** One subscriber of the load run, over whichever protocol its URL names. */
interface Player {

  /** Connects to the application and plays {@code streamName}; completes when playing. */
  CompletableFuture<Void> start(URI appUrl, String streamName);

  /** Playing, and a frame arrived within {@code windowNanos} of {@code now}. */
  boolean alive(long now, long windowNanos);

  /** Whether play succeeded and the connection is still open. */
  boolean connected();

  /** Closes without counting the subscriber as lost. */
  CompletableFuture<Void> stop();
}
