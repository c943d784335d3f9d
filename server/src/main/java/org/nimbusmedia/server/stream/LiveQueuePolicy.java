package org.nimbusmedia.server.stream;

import java.time.Duration;

/**
 * When the frames a live stream's {@link PublishQueue} holds go to its players (FMS's live queue,
 * {@code StreamManager/Live/Queue}).
 *
 * @param maxDelay longest a frame waits; zero sends every frame alone
 * @param maxSize bytes that complete a batch
 * @param flushOnData whether a data message completes a batch
 * @param minSubscribers subscribers a stream needs before its frames wait at all: below this, every
 *     frame goes out at once. A batch saves each subscriber a wake-up and a write, which is worth a
 *     delay only when there are many of them; a small audience (a call, a meeting) gets the lowest
 *     latency.
 */
public record LiveQueuePolicy(
    Duration maxDelay, int maxSize, boolean flushOnData, int minSubscribers) {

  /** No queue: every frame goes out alone, at once. */
  public static final LiveQueuePolicy OFF = new LiveQueuePolicy(Duration.ZERO, 1, true, 0);

  /** Whether frames ever wait. */
  boolean batches() {
    return !maxDelay.isZero();
  }

  /** Whether frames wait while the stream has {@code subscribers}. */
  boolean batchesFor(int subscribers) {
    return batches() && subscribers >= minSubscribers;
  }
}
