package org.nimbusmedia.server.config;

import java.time.Duration;
import org.nimbusmedia.server.stream.LiveQueuePolicy;

/**
 * The live queue of each published stream (FMS {@code StreamManager/Live/Queue}): the server holds
 * a publisher's frames briefly and hands them to the players as one batch, so each player's socket
 * gets one write per batch instead of one per frame. A frame waits until the batch holds {@code
 * maxSize} bytes, a data message arrives ({@code flushOnData}), or {@code maxDelay} has passed.
 *
 * <p>FMS 4 ships with 4096 bytes and 500 ms. Nimbus keeps the size and waits at most 50 ms: a video
 * stream's frames are mostly larger than 4096 bytes and go at once, carrying the audio queued
 * before them, so the batches cost video nothing and audio at most one video frame interval, while
 * a voice-only stream stays within 50 ms. {@code maxDelay: 0s} turns the queue off (each frame goes
 * alone, the lowest latency).
 *
 * <p>A batch saves each player a wake-up and a write: worth a delay for a large audience, not for a
 * call or a meeting. A stream with fewer than {@code minSubscribers} players (and recordings) sends
 * every frame at once; FMS had no such threshold ({@code minSubscribers: 0} queues for any
 * audience, as FMS did).
 *
 * @param maxDelay longest a frame waits for its batch; 0 turns the queue off
 * @param maxSize bytes of media that send the batch at once
 * @param flushOnData whether a data message ({@code send}, {@code onMetaData}) sends the batch at
 *     once
 * @param minSubscribers subscribers a stream needs before its frames wait at all
 */
public record LiveQueueConfig(
    Duration maxDelay, Integer maxSize, Boolean flushOnData, Integer minSubscribers) {
  /** Default of {@code minSubscribers}. */
  public static final int DEFAULT_MIN_SUBSCRIBERS = 100;

  public LiveQueueConfig {
    maxDelay =
        Check.range(
            "maxDelay",
            Check.orDefault(maxDelay, Duration.ofMillis(50)),
            Duration.ZERO,
            Duration.ofSeconds(2));
    maxSize = Check.range("maxSize", Check.orDefault(maxSize, 4096), 1, 16 * 1024 * 1024);
    flushOnData = Check.orDefault(flushOnData, true);
    minSubscribers =
        Check.range(
            "minSubscribers",
            Check.orDefault(minSubscribers, DEFAULT_MIN_SUBSCRIBERS),
            0,
            1_000_000);
  }

  public static LiveQueueConfig defaults() {
    return new LiveQueueConfig(null, null, null, null);
  }

  /** The policy each live stream's queue follows. */
  public LiveQueuePolicy policy() {
    return new LiveQueuePolicy(maxDelay, maxSize, flushOnData, minSubscribers);
  }
}
