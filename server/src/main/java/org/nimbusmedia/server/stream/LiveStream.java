package org.nimbusmedia.server.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One live stream name in an application instance: its publisher (if any), its subscribers, and
 * what a late joiner needs to start playing at once: the metadata, the audio and video sequence
 * headers and the frames since the last keyframe.
 *
 * <p>Published frames go out in batches by the stream's {@link PublishQueue} (FMS's live queue):
 * each player then wakes and writes once per batch. The cache follows the batches, so a late joiner
 * gets the cache and then the batches that follow it.
 *
 * <p>All state is guarded by this object's monitor: a subscriber added while the publisher sends
 * gets the cached start and then every live frame, with no gap and no duplicate. Subscribers only
 * queue what they are given, so holding the monitor while calling them is cheap.
 */
public final class LiveStream {
  private final String name;
  private final int gopCacheFrames;
  private final List<StreamSubscriber> subscribers = new ArrayList<>();
  private final ArrayDeque<StreamFrame> sinceKeyframe = new ArrayDeque<>();
  private final PublishQueue queue;
  private final ScheduledExecutorService timer;
  // By FrameKind ordinal: the timestamp of the last frame of that kind sent, or -1.
  private final long[] lastTimestamps = {-1, -1, -1};
  private StreamPublisher publisher;
  private StreamFrame metadata;
  private StreamFrame videoConfig;
  private StreamFrame audioConfig;
  private long framesPublished;

  /**
   * @param timer sends a batch that is still incomplete after the queue's delay; unused when the
   *     policy does not batch
   */
  LiveStream(
      String name,
      int gopCacheFrames,
      LiveQueuePolicy queuePolicy,
      ScheduledExecutorService timer) {
    this.name = name;
    this.gopCacheFrames = gopCacheFrames;
    this.queue = new PublishQueue(queuePolicy);
    this.timer = timer;
  }

  public String name() {
    return name;
  }

  public synchronized StreamPublisher publisher() {
    return publisher;
  }

  public synchronized boolean isPublished() {
    return publisher != null;
  }

  public synchronized int subscriberCount() {
    return subscribers.size();
  }

  public synchronized long framesPublished() {
    return framesPublished;
  }

  /**
   * Queues {@code frame} for every subscriber and the cache; it goes out with its batch. Takes
   * ownership of the frame. Frames from anyone but the current publisher are dropped: a publisher
   * that was taken over may still have frames in flight.
   */
  public synchronized void publish(StreamPublisher from, StreamFrame frame) {
    if (from != publisher) {
      frame.release();
      return;
    }
    framesPublished++;
    if (queue.add(frame, subscribers.size())) {
      sendBatch();
    } else if (queue.startedBatch()) {
      long batch = queue.batchNumber();
      timer.schedule(
          () -> sendBatchIfStillQueued(batch),
          queue.policy().maxDelay().toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void sendBatchIfStillQueued(long batch) {
    if (queue.batchNumber() == batch && !queue.isEmpty()) {
      sendBatch();
    }
  }

  /** Updates the cache with the queued frames and hands them to every subscriber, in order. */
  private void sendBatch() {
    if (queue.isEmpty()) {
      return;
    }
    List<StreamFrame> frames = queue.take();
    FrameBatch batch = new FrameBatch(frames, lastTimestamps.clone());
    for (StreamFrame frame : frames) {
      remember(frame);
      lastTimestamps[frame.kind().ordinal()] = frame.timestamp();
    }
    for (StreamSubscriber subscriber : subscribers) {
      for (StreamFrame frame : frames) {
        frame.retain();
      }
      subscriber.onFrames(batch.retain());
    }
    batch.release();
    for (StreamFrame frame : frames) {
      frame.release();
    }
  }

  /**
   * Replaces the stream's metadata ({@code @setDataFrame onMetaData}), sends it to every subscriber
   * and keeps it for late joiners. Takes ownership of the frame.
   */
  public void setMetadata(StreamPublisher from, StreamFrame frame) {
    synchronized (this) {
      if (from != publisher) {
        frame.release();
        return;
      }
      sendBatch();
      replaceMetadata(frame.retain());
      lastTimestamps[frame.kind().ordinal()] = frame.timestamp();
      for (StreamSubscriber subscriber : subscribers) {
        subscriber.onFrame(frame.retain());
      }
    }
    frame.release();
  }

  /** Forgets the metadata ({@code @clearDataFrame}). */
  public synchronized void clearMetadata(StreamPublisher from) {
    if (from == publisher) {
      sendBatch();
      replaceMetadata(null);
    }
  }

  private void remember(StreamFrame frame) {
    if (frame.isSequenceHeader()) {
      if (frame.kind() == FrameKind.VIDEO) {
        videoConfig = replace(videoConfig, frame.retain());
      } else {
        audioConfig = replace(audioConfig, frame.retain());
      }
      return;
    }
    if (frame.isKeyframe()) {
      clearSinceKeyframe();
    }
    // Until the first keyframe there is nothing a decoder could start from: cache nothing.
    if (!sinceKeyframe.isEmpty() || frame.isKeyframe()) {
      if (sinceKeyframe.size() < gopCacheFrames) {
        sinceKeyframe.add(frame.retain());
      }
    }
  }

  synchronized void addSubscriber(StreamSubscriber subscriber) {
    if (metadata != null) {
      subscriber.onFrame(metadata.retain());
    }
    if (videoConfig != null) {
      subscriber.onFrame(videoConfig.retain());
    }
    if (audioConfig != null) {
      subscriber.onFrame(audioConfig.retain());
    }
    for (StreamFrame frame : sinceKeyframe) {
      subscriber.onFrame(frame.retain());
    }
    subscribers.add(subscriber);
  }

  synchronized boolean removeSubscriber(StreamSubscriber subscriber) {
    // What was published before the subscriber left reaches it (a recording that stops holds it).
    sendBatch();
    return subscribers.remove(subscriber);
  }

  synchronized void setPublisher(StreamPublisher newPublisher) {
    publisher = newPublisher;
    for (StreamSubscriber subscriber : subscribers) {
      subscriber.onPublishNotify(name);
    }
  }

  /** Ends the current publication: the cache goes, subscribers are told and stay. */
  synchronized boolean clearPublisher(StreamPublisher leaving) {
    if (publisher != leaving) {
      return false;
    }
    // What the publisher sent before it left is delivered before the news that it left.
    sendBatch();
    publisher = null;
    replaceMetadata(null);
    videoConfig = replace(videoConfig, null);
    audioConfig = replace(audioConfig, null);
    clearSinceKeyframe();
    for (StreamSubscriber subscriber : subscribers) {
      subscriber.onUnpublishNotify(name);
    }
    return true;
  }

  synchronized boolean isIdle() {
    return publisher == null && subscribers.isEmpty();
  }

  private void replaceMetadata(StreamFrame frame) {
    metadata = replace(metadata, frame);
  }

  private static StreamFrame replace(StreamFrame old, StreamFrame next) {
    if (old != null) {
      old.release();
    }
    return next;
  }

  private void clearSinceKeyframe() {
    StreamFrame frame;
    while ((frame = sinceKeyframe.poll()) != null) {
      frame.release();
    }
  }
}
