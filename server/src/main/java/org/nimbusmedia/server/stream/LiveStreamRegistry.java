package org.nimbusmedia.server.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams of one application instance, by name. A name has at most one publisher; a second
 * one is refused ({@code NetStream.Publish.BadName}) unless the first no longer answers within the
 * publish timeout, in which case the newcomer takes over (FMS {@code Live/PublishTimeout}): this is
 * how an encoder that reconnects while its old TCP connection is still half-open gets its stream
 * name back.
 *
 * <p>Every structural change goes through {@link ConcurrentMap#compute}, so a stream is never
 * dropped from the map while someone is joining it.
 */
public final class LiveStreamRegistry {
  private static final Logger log = LoggerFactory.getLogger(LiveStreamRegistry.class);

  /** The answer to a request to publish. */
  public enum PublishResult {
    GRANTED,
    BAD_NAME
  }

  private final ConcurrentMap<String, LiveStream> streams = new ConcurrentHashMap<>();
  private final Duration publishTimeout;
  private final int gopCacheFrames;
  private final LiveQueuePolicy queuePolicy;
  private final ScheduledExecutorService timer;

  /** Streams whose frames each go out as soon as they are published (no live queue). */
  public LiveStreamRegistry(Duration publishTimeout, int gopCacheFrames) {
    this(publishTimeout, gopCacheFrames, LiveQueuePolicy.OFF, null);
  }

  /**
   * Streams with a live queue: a published frame waits for others to go out with, as {@code
   * queuePolicy} says.
   *
   * @param timer sends the batches that wait their whole delay; may be null without a delay
   */
  public LiveStreamRegistry(
      Duration publishTimeout,
      int gopCacheFrames,
      LiveQueuePolicy queuePolicy,
      ScheduledExecutorService timer) {
    this.publishTimeout = publishTimeout;
    this.gopCacheFrames = gopCacheFrames;
    this.queuePolicy = queuePolicy;
    if (queuePolicy.batches() && timer == null) {
      throw new IllegalArgumentException("a live queue with a delay needs a timer");
    }
    this.timer = timer;
  }

  private LiveStream newStream(String name) {
    return new LiveStream(name, gopCacheFrames, queuePolicy, timer);
  }

  /**
   * Asks to publish {@code name}. Completes with {@link PublishResult#GRANTED} once {@code
   * publisher} is the stream's publisher, or {@link PublishResult#BAD_NAME} when someone alive
   * already publishes it.
   */
  public CompletableFuture<PublishResult> claim(String name, StreamPublisher publisher) {
    StreamPublisher[] holder = new StreamPublisher[1];
    streams.compute(
        name,
        (key, stream) -> {
          LiveStream target = stream != null ? stream : newStream(key);
          holder[0] = target.publisher();
          if (holder[0] == null) {
            target.setPublisher(publisher);
          }
          return target;
        });
    StreamPublisher current = holder[0];
    if (current == null) {
      return CompletableFuture.completedFuture(PublishResult.GRANTED);
    }
    if (current == publisher || publishTimeout.isZero()) {
      return CompletableFuture.completedFuture(PublishResult.BAD_NAME);
    }
    return current
        .probeAlive(publishTimeout)
        .exceptionally(failure -> false)
        .thenApply(alive -> alive ? PublishResult.BAD_NAME : takeOver(name, current, publisher));
  }

  private PublishResult takeOver(String name, StreamPublisher old, StreamPublisher newcomer) {
    boolean[] replaced = new boolean[1];
    streams.compute(
        name,
        (key, stream) -> {
          LiveStream target = stream != null ? stream : newStream(key);
          StreamPublisher current = target.publisher();
          if (current == old) {
            target.clearPublisher(old);
          }
          if (target.publisher() == null) {
            target.setPublisher(newcomer);
            replaced[0] = true;
          }
          return target;
        });
    if (!replaced[0]) {
      return PublishResult.BAD_NAME;
    }
    log.info(
        "Stream {}: publisher {} did not answer within {} ms, taken over by {}",
        name,
        old.describe(),
        publishTimeout.toMillis(),
        newcomer.describe());
    old.onTakenOver(name);
    return PublishResult.GRANTED;
  }

  /** Ends {@code publisher}'s publication of {@code name}; the name is free again at once. */
  public boolean release(String name, StreamPublisher publisher) {
    boolean[] released = new boolean[1];
    streams.computeIfPresent(
        name,
        (key, stream) -> {
          released[0] = stream.clearPublisher(publisher);
          return stream.isIdle() ? null : stream;
        });
    return released[0];
  }

  /**
   * Adds a subscriber to {@code name}, published or not: an unpublished stream's subscribers wait
   * and are told when a publisher comes. The subscriber first gets the cached start of the stream,
   * then every live frame.
   */
  public LiveStream subscribe(String name, StreamSubscriber subscriber) {
    return streams.compute(
        name,
        (key, stream) -> {
          LiveStream target = stream != null ? stream : newStream(key);
          target.addSubscriber(subscriber);
          return target;
        });
  }

  public void unsubscribe(String name, StreamSubscriber subscriber) {
    streams.computeIfPresent(
        name,
        (key, stream) -> {
          stream.removeSubscriber(subscriber);
          return stream.isIdle() ? null : stream;
        });
  }

  public Optional<LiveStream> find(String name) {
    return Optional.ofNullable(streams.get(name));
  }

  /** Players of every stream of this instance now. */
  public long subscriberCount() {
    return streams.values().stream().mapToLong(LiveStream::subscriberCount).sum();
  }

  /** Names that have a publisher now. */
  public List<String> publishedNames() {
    return streams.values().stream()
        .filter(LiveStream::isPublished)
        .map(LiveStream::name)
        .sorted()
        .toList();
  }
}
