package org.nimbusmedia.server.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * The frames waiting to be written to one subscriber, bounded. When the subscriber cannot keep up,
 * video goes first and up to the next keyframe (a decoder cannot use frames after a missing one);
 * audio is dropped only when no video is left to drop; sequence headers and data messages are never
 * dropped. The publisher and the other subscribers never wait for a slow one.
 *
 * <p>Thread-safe: the publisher's thread offers, the subscriber's connection thread polls.
 */
public final class SubscriberQueue {
  /** Why frames were dropped, as the metrics name it. */
  public enum DropReason {
    /** The queue was full. */
    QUEUE_FULL("queue_full"),
    /** The queue held more media time than the latency bound. */
    LATENCY("latency"),
    /** Video after a dropped frame, up to the next keyframe, which would not decode. */
    AWAITING_KEYFRAME("awaiting_keyframe");

    private final String tag;

    DropReason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  /** Told of every drop, under the queue's lock: it must only count. */
  @FunctionalInterface
  public interface DropListener {
    DropListener NONE = (kind, reason, count) -> {};

    void dropped(FrameKind kind, DropReason reason, int count);
  }

  private final int capacity;
  private final long maxLatencyMillis;
  private final DropListener drops;
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
    this(capacity, maxLatency, DropListener.NONE);
  }

  /**
   * @param capacity frames queued at most
   * @param maxLatency as above
   * @param drops told of each drop (metrics)
   */
  public SubscriberQueue(int capacity, Duration maxLatency, DropListener drops) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.maxLatencyMillis = maxLatency.toMillis();
    this.drops = drops;
  }

  /**
   * Queues {@code frame}, or drops it by the policy above. Takes ownership either way. Returns
   * whether the frame was queued.
   */
  public synchronized boolean offer(StreamFrame frame) {
    if (isTooFarBehind(frame)) {
      dropQueuedVideo(DropReason.LATENCY);
      dropStaleAudio(frame.timestamp());
    }
    if (frame.kind() == FrameKind.VIDEO && !frame.isSequenceHeader()) {
      if (frame.isKeyframe() && frames.size() < capacity) {
        waitingForKeyframe = false;
      }
      if (waitingForKeyframe || frames.size() >= capacity) {
        drops.dropped(
            FrameKind.VIDEO,
            frames.size() >= capacity ? DropReason.QUEUE_FULL : DropReason.AWAITING_KEYFRAME,
            1);
        waitingForKeyframe = true;
        droppedVideo++;
        frame.release();
        return false;
      }
      frames.add(frame);
      return true;
    }
    if (frames.size() >= capacity) {
      dropQueuedVideo(DropReason.QUEUE_FULL);
    }
    if (frames.size() >= capacity && frame.kind() == FrameKind.AUDIO && !frame.isSequenceHeader()) {
      drops.dropped(FrameKind.AUDIO, DropReason.QUEUE_FULL, 1);
      droppedAudio++;
      frame.release();
      return false;
    }
    frames.add(frame);
    return true;
  }

  /**
   * Takes the frames of {@code run} off the front of the queue when they are there, all of them and
   * in order (none was dropped), and says whether it did. The caller then owns them.
   */
  public synchronized boolean pollRun(List<StreamFrame> run) {
    if (frames.size() < run.size()) {
      return false;
    }
    Iterator<StreamFrame> queued = frames.iterator();
    for (StreamFrame frame : run) {
      if (queued.next() != frame) {
        return false;
      }
    }
    for (int i = 0; i < run.size(); i++) {
      frames.poll();
    }
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
    int dropped = 0;
    Iterator<StreamFrame> it = frames.iterator();
    while (it.hasNext()) {
      StreamFrame queued = it.next();
      if (queued.kind() == FrameKind.AUDIO
          && !queued.isSequenceHeader()
          && newestTimestamp - queued.timestamp() > maxLatencyMillis) {
        it.remove();
        queued.release();
        droppedAudio++;
        dropped++;
      }
    }
    if (dropped > 0) {
      drops.dropped(FrameKind.AUDIO, DropReason.LATENCY, dropped);
    }
  }

  private void dropQueuedVideo(DropReason reason) {
    int dropped = 0;
    Iterator<StreamFrame> it = frames.iterator();
    while (it.hasNext()) {
      StreamFrame queued = it.next();
      if (queued.kind() == FrameKind.VIDEO && !queued.isSequenceHeader()) {
        it.remove();
        queued.release();
        droppedVideo++;
        dropped++;
        waitingForKeyframe = true;
      }
    }
    if (dropped > 0) {
      drops.dropped(FrameKind.VIDEO, reason, dropped);
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
