package org.nimbusmedia.server.stream;

/**
 * A player of a live stream, of any protocol. The bus calls it from the publisher's thread (and
 * from the subscribing thread for the cached start of the stream); an implementation hands the work
 * to its own connection's thread and never blocks.
 */
public interface StreamSubscriber {
  /** A frame to deliver. The subscriber owns one reference to it and must release it. */
  void onFrame(StreamFrame frame);

  /**
   * A batch of the stream's live queue: its frames to deliver in this order. The subscriber owns
   * one reference to each frame and one to the batch. A subscriber that can write a batch at once
   * (one wake-up, one flush, one encoding shared with other players) should do so; by default each
   * frame is handed to {@link #onFrame}.
   */
  default void onFrames(FrameBatch batch) {
    for (StreamFrame frame : batch.frames()) {
      onFrame(frame);
    }
    batch.release();
  }

  /** A publisher started publishing the stream ({@code NetStream.Play.PublishNotify}). */
  void onPublishNotify(String streamName);

  /** The publisher stopped ({@code NetStream.Play.UnpublishNotify}); the subscriber stays. */
  void onUnpublishNotify(String streamName);
}
