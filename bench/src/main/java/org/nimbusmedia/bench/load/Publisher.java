package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;

/**
 * One encoder: connects, publishes live, sends {@code onMetaData}, then sends the frames of its
 * source in real time, paced by their timestamps from a timer on the shared event loops. Each
 * probed frame gets the next sequence number of its kind and the send time. When the connection
 * cannot take more writes, probed frames are skipped without using a sequence number (counted in
 * {@link LoadStats#txSkipped}), so that the generator's own backlog is not reported as frames the
 * server lost.
 */
final class Publisher {

  /** Pacing timer period. */
  static final long TICK_MILLIS = 5;

  /** Most frames sent in one tick, so that a stalled timer does not send a burst. */
  static final int MAX_FRAMES_PER_TICK = 64;

  private final EventLoopGroup group;
  private final RtmpClient client;
  private final MediaSource source;
  private final LoadStats stats;
  private final AmfObject metadata;
  private volatile ClientStream stream;
  private volatile ScheduledFuture<?> timer;
  private long startNanos;
  private Frame pending;
  private long videoSequence;
  private long audioSequence;

  Publisher(
      EventLoopGroup group,
      RtmpClientConfig config,
      MediaSource source,
      AmfObject metadata,
      LoadStats stats) {
    this.group = group;
    this.client = new RtmpClient(group, config);
    this.source = source;
    this.metadata = metadata;
    this.stats = stats;
  }

  /** Connects and publishes {@code streamName} live; completes once frames are being sent. */
  CompletableFuture<Void> start(URI appUrl, String streamName) {
    return client
        .connect(appUrl)
        .thenCompose(info -> client.createStream())
        .thenCompose(
            s -> {
              stream = s;
              return s.publish(streamName, "live");
            })
        .thenCompose(status -> stream.sendData(0, "@setDataFrame", "onMetaData", metadata))
        .thenRun(
            () -> {
              startNanos = System.nanoTime();
              pending = source.next();
              timer =
                  group
                      .next()
                      .scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            });
  }

  /** On one event loop: sends every frame that is due. */
  private void tick() {
    long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
    for (int n = 0; n < MAX_FRAMES_PER_TICK && pending.timestamp() <= elapsedMillis; n++) {
      send(pending);
      pending = source.next();
    }
  }

  private void send(Frame frame) {
    if (!client.isConnected()) {
      return;
    }
    if (frame.probed() && !client.isWritable()) {
      stats.txSkipped.increment();
      return;
    }
    boolean video = frame.kind() == Frame.Kind.VIDEO;
    long sequence = !frame.probed() ? 0 : video ? videoSequence++ : audioSequence++;
    ByteBuf body = frame.render(ByteBufAllocator.DEFAULT, new Probe(sequence, System.nanoTime()));
    stats.txFrames.increment();
    stats.txBytes.add(body.readableBytes());
    if (video) {
      stream.sendVideo(frame.timestamp(), body);
    } else {
      stream.sendAudio(frame.timestamp(), body);
    }
  }

  /** Whether publishing and still connected. */
  boolean connected() {
    return timer != null && client.isConnected();
  }

  /** Stops sending and closes the connection. */
  CompletableFuture<Void> stop() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    client.close();
    return client.closeFuture();
  }
}
