package org.nimbusmedia.server.stream;

import java.util.List;

/**
 * A player of a live stream, of any protocol. The bus calls it from the publisher's thread (and
 * from the subscribing thread for the cached start of the stream); an implementation hands the work
 * to its own connection's thread and never blocks.
 */
public interface StreamSubscriber {
  /** A frame to deliver. The subscriber owns one reference to it and must release it. */
  void onFrame(StreamFrame frame);

  /**
   * Frames to deliver in this order, one batch of the stream's live queue. The subscriber owns one
   * reference to each frame and must not keep the list. A subscriber that can write a batch at once
   * (one wake-up, one flush) should do so; by default each frame is handed to {@link #onFrame}.
   */
  default void onFrames(List<StreamFrame> frames) {
    for (StreamFrame frame : frames) {
      onFrame(frame);
    }
  }

  /** A publisher started publishing the stream ({@code NetStream.Play.PublishNotify}). */
  void onPublishNotify(String streamName);

  /** The publisher stopped ({@code NetStream.Play.UnpublishNotify}); the subscriber stays. */
  void onUnpublishNotify(String streamName);
}
