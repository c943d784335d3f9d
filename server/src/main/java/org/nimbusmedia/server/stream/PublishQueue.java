package org.nimbusmedia.server.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of one live stream waiting to go to its players together (FMS's live queue, {@code
 * StreamManager/Live/Queue}). A batch is complete when it holds {@link Policy#maxSize} bytes, or a
 * data message arrives and {@link Policy#flushOnData} is set; the stream sends it after {@link
 * Policy#maxDelay} otherwise. Not thread-safe: the stream's monitor guards it.
 */
final class PublishQueue {
  /**
   * When a batch goes out.
   *
   * @param maxDelay longest a frame waits; zero sends every frame alone
   * @param maxSize bytes that complete a batch
   * @param flushOnData whether a data message completes a batch
   */
  record Policy(Duration maxDelay, int maxSize, boolean flushOnData) {
    boolean batches() {
      return !maxDelay.isZero();
    }
  }

  private final Policy policy;
  private final List<StreamFrame> frames = new ArrayList<>();
  private int bytes;
  private long batchNumber;

  PublishQueue(Policy policy) {
    this.policy = policy;
  }

  Policy policy() {
    return policy;
  }

  /**
   * Queues a frame, taking its reference, and says whether the batch is complete. A new batch
   * starts with this frame when the queue was empty.
   */
  boolean add(StreamFrame frame) {
    frames.add(frame);
    bytes += frame.content().readableBytes();
    return !policy.batches()
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
