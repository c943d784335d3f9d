package org.nimbusmedia.server.script;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import org.nimbusmedia.server.media.Metadata;
import org.nimbusmedia.server.stream.LiveStream;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.stream.StreamPublisher;
import org.nimbusmedia.server.vod.PlayItem;
import org.nimbusmedia.server.vod.VodSink;

/**
 * A server-side stream playing recorded files ({@code Stream.get(name).play(file, start)}): the
 * {@link org.nimbusmedia.server.vod.VodPlayer} paces the file and this sink publishes its frames on
 * the bus under the stream's name, so every player of that live stream sees the file.
 */
final class FilePublisher implements VodSink {
  /** Receives the play's status events. */
  interface Status {
    void status(String level, String code, String description);
  }

  private final EventExecutor clock;
  private final LiveStream target;
  private final StreamPublisher publisher;
  private final Status status;

  FilePublisher(EventExecutor clock, LiveStream target, StreamPublisher publisher, Status status) {
    this.clock = clock;
    this.target = target;
    this.publisher = publisher;
    this.status = status;
  }

  @Override
  public EventExecutor executor() {
    return clock;
  }

  @Override
  public ByteBufAllocator allocator() {
    return ByteBufAllocator.DEFAULT;
  }

  /** Players of the live stream have their own queues: the bus always takes more. */
  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public long clientBufferMillis() {
    return 0;
  }

  @Override
  public boolean republishes() {
    return true;
  }

  @Override
  public void send(StreamFrame frame, long timestamp) {
    try {
      StreamFrame stamped = frame.retainedWithTimestamp(timestamp);
      if (Metadata.isOnMetaData(frame)) {
        target.setMetadata(publisher, stamped);
      } else {
        target.publish(publisher, stamped);
      }
    } finally {
      frame.release();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void itemStarted(PlayItem item, boolean first) {
    status.status("status", "NetStream.Play.Start", "Started playing " + item.name() + ".");
  }

  @Override
  public void seeked(PlayItem item, long timestamp) {
    status.status("status", "NetStream.Seek.Notify", "Seeking " + timestamp + ".");
  }

  @Override
  public void completed(PlayItem last, long duration) {
    status.status("status", "NetStream.Play.Stop", "Stopped playing " + last.name() + ".");
  }

  @Override
  public void failed(PlayItem item, String reason) {
    status.status(
        "error", "NetStream.Play.Failed", "Playing " + item.name() + " failed: " + reason);
  }
}
