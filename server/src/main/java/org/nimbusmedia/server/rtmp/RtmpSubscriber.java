package org.nimbusmedia.server.rtmp;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.stream.StreamSubscriber;
import org.nimbusmedia.server.stream.SubscriberQueue;
import org.nimbusmedia.server.stream.TimestampRebaser;

/**
 * An RTMP NetStream that plays a live stream. Frames from the bus wait in a bounded {@link
 * SubscriberQueue} and are written on the connection's event loop while the socket is writable, so
 * a slow player loses frames by the queue's policy instead of slowing anyone else.
 *
 * <p>Media goes out on the NetStream's own message stream id, never 0 (GStreamer's {@code rtmp2src}
 * drops media on stream 0), with timestamps that start at 0 for this player.
 */
final class RtmpSubscriber implements StreamSubscriber {
  private final RtmpSession session;
  private final Channel channel;
  private final int streamId;
  private final SubscriberQueue queue;
  private final TimestampRebaser rebaser = new TimestampRebaser();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final long maxDuration;
  private final NimbusMetrics metrics;
  // Touched on the event loop only.
  private boolean receiveAudio = true;
  private boolean receiveVideo = true;
  private boolean videoNeedsKeyframe;
  private boolean stopped;
  private long lastTimestamp;

  /**
   * @param maxDuration milliseconds of media to deliver before the play stops ({@code len}); a
   *     negative value plays until the stream ends
   */
  RtmpSubscriber(RtmpSession session, int streamId, int queueCapacity, long maxDuration) {
    this.session = session;
    this.channel = session.channel();
    this.streamId = streamId;
    NimbusMetrics metrics = session.observers().metrics();
    this.metrics = metrics;
    this.queue =
        new SubscriberQueue(
            queueCapacity, session.settings().subscriberMaxLatency(), metrics::droppedFrames);
    this.maxDuration = maxDuration;
  }

  @Override
  public void onFrame(StreamFrame frame) {
    queue.offer(frame);
    metrics.subscriberQueueDepth(queue.size());
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drainWhileWritable);
    }
  }

  @Override
  public void onPublishNotify(String streamName) {
    channel
        .eventLoop()
        .execute(
            () -> {
              drainAll();
              rebaser.restart();
              session.onStatus(
                  streamId,
                  Status.stream(
                      "status",
                      "NetStream.Play.PublishNotify",
                      streamName + " is now published.",
                      streamName,
                      session.id()));
            });
  }

  @Override
  public void onUnpublishNotify(String streamName) {
    channel
        .eventLoop()
        .execute(
            () -> {
              drainAll();
              session.onStatus(
                  streamId,
                  Status.stream(
                      "status",
                      "NetStream.Play.UnpublishNotify",
                      streamName + " is now unpublished.",
                      streamName,
                      session.id()));
            });
  }

  /** Called when the socket becomes writable again. */
  void drainWhileWritable() {
    drainScheduled.set(false);
    drain(false);
  }

  private void drainAll() {
    drain(true);
  }

  private void drain(boolean ignoreWritability) {
    boolean wrote = false;
    StreamFrame frame;
    while ((ignoreWritability || channel.isWritable()) && (frame = queue.poll()) != null) {
      wrote |= write(frame);
    }
    if (wrote) {
      channel.flush();
    }
  }

  /** Writes one frame (or drops it by the player's choices); releases the frame. */
  private boolean write(StreamFrame frame) {
    try {
      if (stopped || !wanted(frame)) {
        return false;
      }
      long timestamp = rebaser.rebase(frame) & 0xFFFFFFFFL;
      lastTimestamp = timestamp;
      channel.write(toMessage(frame, timestamp));
      if (maxDuration >= 0 && timestamp >= maxDuration && frame.kind() != FrameKind.DATA) {
        stopped = true;
        channel.eventLoop().execute(() -> session.playLengthReached(streamId));
      }
      return true;
    } finally {
      frame.release();
    }
  }

  private boolean wanted(StreamFrame frame) {
    if (frame.kind() == FrameKind.AUDIO) {
      return receiveAudio;
    }
    if (frame.kind() == FrameKind.VIDEO) {
      if (!receiveVideo) {
        return false;
      }
      if (videoNeedsKeyframe && !frame.isSequenceHeader()) {
        if (!frame.isKeyframe()) {
          return false;
        }
        videoNeedsKeyframe = false;
      }
    }
    return true;
  }

  /** The payload is shared with every other player: each write gets its own indices. */
  private Object toMessage(StreamFrame frame, long timestamp) {
    return switch (frame.kind()) {
      case AUDIO -> new AudioMessage(streamId, timestamp, frame.content().retainedDuplicate());
      case VIDEO -> new VideoMessage(streamId, timestamp, frame.content().retainedDuplicate());
      case DATA ->
          new RawMessage(
              CommandCodec.STREAM_CHUNK_STREAM_ID,
              MessageType.DATA_AMF0,
              streamId,
              timestamp,
              frame.content().retainedDuplicate());
    };
  }

  void receiveAudio(boolean receive) {
    receiveAudio = receive;
  }

  /** Video resumes at the next keyframe: frames in between would not decode. */
  void receiveVideo(boolean receive) {
    if (receive && !receiveVideo) {
      videoNeedsKeyframe = true;
    }
    receiveVideo = receive;
  }

  long lastTimestamp() {
    return lastTimestamp;
  }

  long droppedFrames() {
    return queue.droppedAudio() + queue.droppedVideo();
  }

  /** Stops delivery and releases whatever is queued. */
  void stop() {
    stopped = true;
    queue.clear();
  }
}
