package org.nimbusmedia.server.rtmp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nimbusmedia.rtmp.chunk.RelativeChunks;
import org.nimbusmedia.rtmp.chunk.RelativeChunksMessage;
import org.nimbusmedia.rtmp.chunk.RtmpChunkEncoder;
import org.nimbusmedia.rtmp.message.RtmpPipeline;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.stream.FrameBatch;
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
 *
 * <p>On a connection with a chunk encoder (RTMP, RTMPS, RTMPT), frames are written straight to the
 * encoder: the codecs above it have nothing to do with media. A batch of the live queue that
 * reaches this player whole, while the player is in step with the stream (its timestamps are the
 * publisher's plus a constant, it wants every frame, and its chunk streams stand where the batch
 * begins), goes out as the batch's one shared encoding ({@link RelativeChunks}, made once for every
 * such player): one buffer per batch and player. Otherwise each frame is a {@link
 * org.nimbusmedia.rtmp.chunk.SharedMessage}, for which the encoder sends this player's header and
 * the frame's shared chunk body. Message-based transports (RTMFP) get typed messages through the
 * whole pipeline.
 */
final class RtmpSubscriber implements StreamSubscriber {
  private final RtmpSession session;
  private final Channel channel;
  private final int streamId;
  private final SubscriberQueue queue;
  private final TimestampRebaser rebaser = new TimestampRebaser();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drainTask = this::drainWhileWritable;
  private final long maxDuration;
  private final NimbusMetrics metrics;
  private final RtmpTraffic traffic;
  // Where frames enter the pipeline: right below the traffic counter, at the chunk encoder.
  private final ChannelHandlerContext chunkEncoderInput;
  private final RtmpChunkEncoder chunkEncoder;
  // Batches whose frames all went into the queue, oldest first; each holds a reference.
  private final Queue<FrameBatch> wholeBatches = new ConcurrentLinkedQueue<>();
  private final ChannelPromise unobservedWrite;
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
    this.traffic = session.observers().traffic();
    this.chunkEncoder = (RtmpChunkEncoder) channel.pipeline().get(RtmpPipeline.CHUNK_ENCODER);
    this.chunkEncoderInput =
        chunkEncoder != null ? channel.pipeline().context(RtmpTraffic.NAME) : null;
    // A write to a connection that is going away fails quietly: the connection reports its end.
    this.unobservedWrite = new VoidChannelPromise(channel, false);
  }

  @Override
  public void onFrame(StreamFrame frame) {
    queue.offer(frame);
    scheduleDrain();
  }

  /** A batch of the live queue: one wake-up of the connection's thread and one flush for all. */
  @Override
  public void onFrames(FrameBatch batch) {
    boolean whole = true;
    for (StreamFrame frame : batch.frames()) {
      whole &= queue.offer(frame);
    }
    if (whole && chunkEncoder != null) {
      wholeBatches.add(batch);
    } else {
      batch.release();
    }
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(drainTask);
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
    metrics.subscriberQueueDepth(queue.size());
    boolean wrote = false;
    while (ignoreWritability || channel.isWritable()) {
      FrameBatch batch = wholeBatches.peek();
      if (batch != null && queue.pollRun(batch.frames())) {
        wholeBatches.poll();
        wrote |= writeBatch(batch);
        batch.release();
        continue;
      }
      StreamFrame frame = queue.poll();
      if (frame == null) {
        break;
      }
      forgetBatchesUpTo(frame);
      wrote |= write(frame);
    }
    if (wrote) {
      traffic.publishFrames();
      // From where the frames went in: the handlers above hold nothing to flush.
      if (chunkEncoderInput != null) {
        chunkEncoderInput.flush();
      } else {
        channel.flush();
      }
    }
  }

  /**
   * A frame leaves the queue on its own: a batch it starts lost frames to the queue's policy, and
   * so did any batch before it. They go frame by frame.
   */
  private void forgetBatchesUpTo(StreamFrame frame) {
    for (FrameBatch batch : wholeBatches) {
      if (batch.frames().get(0) == frame) {
        FrameBatch forgotten;
        do {
          forgotten = wholeBatches.poll();
          forgotten.release();
        } while (forgotten != batch);
        return;
      }
    }
  }

  /**
   * Writes a whole batch, taking its frames' references: as its shared encoding when this player is
   * in step with the stream, else frame by frame.
   */
  private boolean writeBatch(FrameBatch batch) {
    List<StreamFrame> frames = batch.frames();
    long shift = inStep() ? rebaser.shiftFor(frames) : TimestampRebaser.NO_SHIFT;
    RelativeChunks run =
        shift != TimestampRebaser.NO_SHIFT
            ? batch.relativeChunks(chunkEncoder.chunkSize(), RtmpSubscriber::encode)
            : null;
    if (run == null || !chunkEncoder.accepts(run, shift, streamId)) {
      boolean wrote = false;
      for (StreamFrame frame : frames) {
        wrote |= write(frame);
      }
      return wrote;
    }
    for (StreamFrame frame : frames) {
      lastTimestamp = rebaser.rebase(frame) & 0xFFFFFFFFL;
      traffic.sentFrame(FrameMessages.typeId(frame), frame.content().readableBytes());
    }
    chunkEncoderInput.write(new RelativeChunksMessage(run, shift, streamId), unobservedWrite);
    for (StreamFrame frame : frames) {
      frame.release();
    }
    return true;
  }

  /** Whether this player takes every frame as it comes, so a whole batch as it is. */
  private boolean inStep() {
    return chunkEncoder != null
        && !stopped
        && maxDuration < 0
        && receiveAudio
        && receiveVideo
        && !videoNeedsKeyframe;
  }

  /** A batch's shared encoding, on the chunk streams {@link FrameMessages} puts frames on. */
  private static RelativeChunks encode(FrameBatch batch, int chunkSize) {
    List<RelativeChunks.Message> messages = new ArrayList<>(batch.frames().size());
    for (StreamFrame frame : batch.frames()) {
      messages.add(
          new RelativeChunks.Message(
              FrameMessages.chunkStreamId(frame.kind()),
              FrameMessages.typeId(frame),
              frame.timestamp(),
              frame.content()));
    }
    return RelativeChunks.of(
            batch.frames().get(0).content().alloc(),
            chunkSize,
            messages,
            csid -> batch.previousTimestamp(FrameMessages.kindOf(csid)))
        .orElse(null);
  }

  /** Writes one frame (or drops it by the player's choices); takes the frame's reference. */
  private boolean write(StreamFrame frame) {
    if (stopped || !wanted(frame)) {
      frame.release();
      return false;
    }
    long timestamp = rebaser.rebase(frame) & 0xFFFFFFFFL;
    lastTimestamp = timestamp;
    boolean reachedLength =
        maxDuration >= 0 && timestamp >= maxDuration && frame.kind() != FrameKind.DATA;
    if (chunkEncoderInput != null) {
      traffic.sentFrame(FrameMessages.typeId(frame), frame.content().readableBytes());
      chunkEncoderInput.write(FrameMessages.shared(frame, streamId, timestamp), unobservedWrite);
    } else {
      try {
        channel.write(FrameMessages.of(frame, streamId, timestamp), unobservedWrite);
      } finally {
        frame.release();
      }
    }
    if (reachedLength) {
      stopped = true;
      channel.eventLoop().execute(() -> session.playLengthReached(streamId));
    }
    return true;
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
    FrameBatch batch;
    while ((batch = wholeBatches.poll()) != null) {
      batch.release();
    }
  }
}
