package org.nimbusmedia.server.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames of one live stream waiting to go to its players together (FMS's live queue, {@code
 * StreamManager/Live/Queue}). A batch is complete when it holds {@link LiveQueuePolicy#maxSize}
 * bytes, a data message arrives and {@link LiveQueuePolicy#flushOnData} is set, or the stream has
 * fewer than {@link LiveQueuePolicy#minSubscribers}; the stream sends it after {@link
 * LiveQueuePolicy#maxDelay} otherwise. Not thread-safe: the stream's monitor guards it.
 */
final class PublishQueue {
  private final LiveQueuePolicy policy;
  private final List<StreamFrame> frames = new ArrayList<>();
  private int bytes;
  private long batchNumber;

  PublishQueue(LiveQueuePolicy policy) {
    this.policy = policy;
  }

  LiveQueuePolicy policy() {
    return policy;
  }

  /**
   * Queues a frame, taking its reference, and says whether the batch is complete. A new batch
   * starts with this frame when the queue was empty.
   *
   * @param subscribers how many the stream has now
   */
  boolean add(StreamFrame frame, int subscribers) {
    frames.add(frame);
    bytes += frame.content().readableBytes();
    return !policy.batchesFor(subscribers)
        || bytes >= policy.maxSize()
        || (policy.flushOnData() && frame.kind() == FrameKind.DATA);
  }

  boolean isEmpty() {
    return frames.isEmpty();
  }

  /** Whether the last {@link #add} started a batch, which then needs its delay timer. */
  boolean startedBatch() {
    return frames.size() == 1;
  }

  /** Identifies the batch in the queue now; it changes every time the queue is taken. */
  long batchNumber() {
    return batchNumber;
  }

  /** The queued frames in order, for the caller to deliver; the queue is empty afterwards. */
  List<StreamFrame> take() {
    List<StreamFrame> batch = List.copyOf(frames);
    frames.clear();
    bytes = 0;
    batchNumber++;
    return batch;
  }
}
