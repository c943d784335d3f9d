package org.nimbusmedia.server.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The frames waiting to be written to one subscriber, bounded. When the subscriber cannot keep up,
 * video goes first and up to the next keyframe (a decoder cannot use frames after a missing one);
 * audio is dropped only when no video is left to drop; sequence headers and data messages are never
 * dropped. The publisher and the other subscribers never wait for a slow one.
 *
 * <p>Thread-safe: the publisher's thread offers, the subscriber's connection thread polls.
 */
public final class SubscriberQueue {
  private final int capacity;
  private final long maxLatencyMillis;
  private final ArrayDeque<StreamFrame> frames = new ArrayDeque<>();
  private boolean waitingForKeyframe;
  private long droppedVideo;
  private long droppedAudio;

  /**
   * @param capacity frames queued at most
   * @param maxLatency media time (by the frames' timestamps) between the oldest queued frame and
   *     the newest before queued media is dropped
   */
  public SubscriberQueue(int capacity, Duration maxLatency) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.maxLatencyMillis = maxLatency.toMillis();
  }

  /**
   * Queues {@code frame}, or drops it by the policy above. Takes ownership either way. Returns
   * whether the frame was queued.
   */
  public synchronized boolean offer(StreamFrame frame) {
    if (isTooFarBehind(frame)) {
      dropQueuedVideo();
      dropStaleAudio(frame.timestamp());
    }
    if (frame.kind() == FrameKind.VIDEO && !frame.isSequenceHeader()) {
      if (frame.isKeyframe() && frames.size() < capacity) {
        waitingForKeyframe = false;
      }
      if (waitingForKeyframe || frames.size() >= capacity) {
        waitingForKeyframe = true;
        droppedVideo++;
        frame.release();
        return false;
      }
      frames.add(frame);
      return true;
    }
    if (frames.size() >= capacity) {
      dropQueuedVideo();
    }
    if (frames.size() >= capacity && frame.kind() == FrameKind.AUDIO && !frame.isSequenceHeader()) {
      droppedAudio++;
      frame.release();
      return false;
    }
    frames.add(frame);
    return true;
  }

  /**
   * Whether the oldest queued audio or video frame is more than the bound older than {@code
   * incoming}. Sequence headers and data are left out: a late joiner's cached headers carry the
   * publication's first timestamp, not the time they were sent.
   */
  private boolean isTooFarBehind(StreamFrame incoming) {
    if (incoming.kind() == FrameKind.DATA || incoming.isSequenceHeader()) {
      return false;
    }
    for (StreamFrame queued : frames) {
      if (queued.kind() != FrameKind.DATA && !queued.isSequenceHeader()) {
        return incoming.timestamp() - queued.timestamp() > maxLatencyMillis;
      }
    }
    return false;
  }

  /** With no video left to drop, audio older than the bound goes too (oldest first). */
  private void dropStaleAudio(long newestTimestamp) {
    Iterator<StreamFrame> it = frames.iterator();
    while (it.hasNext()) {
      StreamFrame queued = it.next();
      if (queued.kind() == FrameKind.AUDIO
          && !queued.isSequenceHeader()
          && newestTimestamp - queued.timestamp() > maxLatencyMillis) {
        it.remove();
        queued.release();
        droppedAudio++;
      }
    }
  }

  private void dropQueuedVideo() {
    Iterator<StreamFrame> it = frames.iterator();
    while (it.hasNext()) {
      StreamFrame queued = it.next();
      if (queued.kind() == FrameKind.VIDEO && !queued.isSequenceHeader()) {
        it.remove();
        queued.release();
        droppedVideo++;
        waitingForKeyframe = true;
      }
    }
  }

  /** The next frame to write, or null. The caller owns the frame. */
  public synchronized StreamFrame poll() {
    return frames.poll();
  }

  public synchronized int size() {
    return frames.size();
  }

  public synchronized long droppedVideo() {
    return droppedVideo;
  }

  public synchronized long droppedAudio() {
    return droppedAudio;
  }

  /** Releases everything queued; used when the subscriber goes away. */
  public synchronized void clear() {
    StreamFrame frame;
    while ((frame = frames.poll()) != null) {
      frame.release();
    }
  }
}
