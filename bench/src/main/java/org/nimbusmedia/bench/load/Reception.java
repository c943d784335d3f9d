package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * What one player does with each frame it receives, whatever the protocol: counts bytes and frames,
 * reads the probe, counts gaps in its sequence and records the latency since the publisher sent it.
 */
final class Reception {
  private final LoadStats stats;
  private final SequenceTracker video = new SequenceTracker();
  private final SequenceTracker audio = new SequenceTracker();
  private volatile long lastArrivalNanos;

  Reception(LoadStats stats) {
    this.stats = stats;
  }

  /** One audio or video frame body (FLV tag body) that arrived at {@code now}. */
  void frame(boolean isVideo, ByteBuf body, long now) {
    lastArrivalNanos = now;
    stats.rxBytes.add(body.readableBytes());
    (isVideo ? stats.rxVideoFrames : stats.rxAudioFrames).increment();
    Probe probe = Probe.readFrom(body, isVideo ? 5 : 2);
    if (probe == null) {
      return;
    }
    stats.rxProbes.increment();
    SequenceTracker tracker = isVideo ? video : audio;
    long outOfOrderBefore = tracker.outOfOrder();
    long gap = tracker.accept(probe.sequence());
    if (gap > 0) {
      stats.missing.add(gap);
      (isVideo ? stats.missingVideo : stats.missingAudio).add(gap);
    }
    if (tracker.outOfOrder() != outOfOrderBefore) {
      stats.outOfOrder.increment();
    }
    stats.recordLatency(now - probe.sendNanos());
  }

  /** Whether a frame arrived within {@code windowNanos} of {@code now}. */
  boolean recent(long now, long windowNanos) {
    return now - lastArrivalNanos <= windowNanos;
  }
}
