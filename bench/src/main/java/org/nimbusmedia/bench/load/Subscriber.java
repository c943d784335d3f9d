package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.VideoMessage;

/**
 * One player: connects, creates a stream, plays, and for each frame counts bytes, reads the probe,
 * counts gaps in its sequence and records the latency since the publisher sent it.
 */
final class Subscriber implements MediaListener {

  private final RtmpClient client;
  private final LoadStats stats;
  private final SequenceTracker video = new SequenceTracker();
  private final SequenceTracker audio = new SequenceTracker();
  private volatile long lastArrivalNanos;
  private volatile boolean playing;

  Subscriber(EventLoopGroup group, RtmpClientConfig config, LoadStats stats) {
    this.client = new RtmpClient(group, config);
    this.stats = stats;
  }

  /** Connects to the application and plays {@code streamName}; completes when playing. */
  CompletableFuture<Void> start(URI appUrl, String streamName) {
    stats.subscribersStarted.increment();
    return client
        .connect(appUrl)
        .thenCompose(info -> client.createStream())
        .thenCompose(stream -> stream.onMedia(this).play(streamName))
        .handle(
            (status, error) -> {
              if (error != null) {
                stats.subscribersFailed.increment();
                stats.recordError("subscribe", error);
                client.close();
              } else {
                stats.subscribersConnected.increment();
                playing = true;
                client
                    .closeFuture()
                    .thenRun(
                        () -> {
                          if (playing) {
                            playing = false;
                            stats.subscribersLost.increment();
                            Throwable reason = client.closeReason();
                            stats.recordError(
                                "subscriber lost",
                                reason != null
                                    ? reason
                                    : new IllegalStateException("closed by the server"));
                          }
                        });
              }
              return null;
            });
  }

  @Override
  public void onMedia(ClientStream stream, MediaMessage message) {
    long now = System.nanoTime();
    lastArrivalNanos = now;
    ByteBuf body = message.content();
    stats.rxBytes.add(body.readableBytes());
    boolean isVideo = message instanceof VideoMessage;
    (isVideo ? stats.rxVideoFrames : stats.rxAudioFrames).increment();
    Probe probe = Probe.readFrom(body, isVideo ? 5 : 2);
    if (probe == null) {
      return;
    }
    stats.rxProbes.increment();
    SequenceTracker tracker = isVideo ? video : audio;
    long outOfOrderBefore = tracker.outOfOrder();
    long gap = tracker.accept(probe.sequence());
    if (gap > 0) {
      stats.missing.add(gap);
      (isVideo ? stats.missingVideo : stats.missingAudio).add(gap);
    }
    if (tracker.outOfOrder() != outOfOrderBefore) {
      stats.outOfOrder.increment();
    }
    stats.recordLatency(now - probe.sendNanos());
  }

  /** Playing, and a frame arrived within {@code windowNanos} of {@code now}. */
  boolean alive(long now, long windowNanos) {
    return playing && client.isConnected() && now - lastArrivalNanos <= windowNanos;
  }

  /** Whether play succeeded and the connection is still open. */
  boolean connected() {
    return playing && client.isConnected();
  }

  /** Closes without counting the subscriber as lost. */
  CompletableFuture<Void> stop() {
    playing = false;
    client.close();
    return client.closeFuture();
  }
}
