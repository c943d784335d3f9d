package org.nimbusmedia.rtmp.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NetStream on a message stream id returned by {@code createStream} (RTMP 1.0 section 7.2.2).
 * Commands go out with transaction id 0 and command object null, as Flash Player sends them; the
 * futures of {@link #publish}, {@link #play}, {@link #play2} and {@link #pause} complete with the
 * {@code onStatus} that reports success, or fail with an {@link RtmpStatusException} on an
 * error-level {@code onStatus}.
 *
 * <p>Received media and data go to the {@link MediaListener}, if one is set, and as copies to a
 * bounded queue read by {@link #awaitMedia} (capacity {@link
 * RtmpClientConfig#mediaQueueCapacity()}). Frame and byte counters are kept either way.
 */
public final class ClientStream {

  private static final Logger LOG = LoggerFactory.getLogger(ClientStream.class);

  /** A stream command waiting for its status. */
  private record PendingStatus(
      String what, Set<String> success, CompletableFuture<StatusEvent> future) {}

  private final RtmpClient client;
  private final int streamId;
  private final EventLog<ReceivedMedia> media;
  private final EventLog<UserControlEvent> userControl;
  private final List<PendingStatus> pending = new ArrayList<>();
  private final AtomicLong audioFrames = new AtomicLong();
  private final AtomicLong videoFrames = new AtomicLong();
  private final AtomicLong dataMessages = new AtomicLong();
  private final AtomicLong mediaBytes = new AtomicLong();
  private volatile MediaListener listener;

  ClientStream(RtmpClient client, int streamId) {
    if (streamId <= 0) {
      throw new IllegalArgumentException("stream id must be positive, got " + streamId);
    }
    this.client = client;
    this.streamId = streamId;
    int capacity = client.config().mediaQueueCapacity();
    this.media = capacity == 0 ? null : new EventLog<>(capacity);
    this.userControl = new EventLog<>(client.config().eventLogCapacity());
  }

  /** The message stream id the server returned. */
  public int streamId() {
    return streamId;
  }

  /** The connection this stream belongs to. */
  public RtmpClient client() {
    return client;
  }

  /**
   * Publishes under {@code name} (section 7.2.2.6).
   *
   * @param type {@code live}, {@code record} or {@code append}
   * @return completes on {@code NetStream.Publish.Start}; fails on e.g. {@code
   *     NetStream.Publish.BadName}
   */
  public CompletableFuture<StatusEvent> publish(String name, String type) {
    return command("publish " + name, Set.of("NetStream.Publish.Start"), "publish", name, type);
  }

  /** Plays {@code name} live or recorded, as Flash Player's {@code play(name)}: start -2000. */
  public CompletableFuture<StatusEvent> play(String name) {
    return playCommand(name, name, -2000.0);
  }

  /**
   * Plays {@code name} (section 7.2.2.1), then sends SetBufferLength as Flash Player does.
   *
   * @param start as sent on the wire: -2000 live or recorded, -1000 live only, else a position in
   *     milliseconds
   * @param length milliseconds to play, -1 to the end
   * @param reset whether to flush a previous playlist
   * @return completes on {@code NetStream.Play.Start}; fails on e.g. {@code
   *     NetStream.Play.StreamNotFound}
   */
  public CompletableFuture<StatusEvent> play(
      String name, double start, double length, boolean reset) {
    return playCommand(name, name, start, length, reset);
  }

  private CompletableFuture<StatusEvent> playCommand(String name, Object... args) {
    CompletableFuture<StatusEvent> result = new CompletableFuture<>();
    client.execute(
        result,
        handler -> {
          pending.add(new PendingStatus("play " + name, Set.of("NetStream.Play.Start"), result));
          handler.write(streamCommand("play", args), result);
          handler.write(
              new UserControlEvent.SetBufferLength(streamId, client.config().bufferMillis()),
              result);
        });
    return result;
  }

  /**
   * Sends {@code play2} with NetStreamPlayOptions ({@code streamName}, {@code oldStreamName},
   * {@code transition}, {@code start}, {@code len}, {@code offset}).
   *
   * @return completes on {@code NetStream.Play.Transition} or {@code NetStream.Play.Start}
   */
  public CompletableFuture<StatusEvent> play2(AmfObject options) {
    return command(
        "play2 " + options.get("streamName"),
        Set.of("NetStream.Play.Transition", "NetStream.Play.Start"),
        "play2",
        options);
  }

  /**
   * Pauses or resumes playback (section 7.2.2.8).
   *
   * @param timeMillis the stream time at which the pause happens
   * @return completes on {@code NetStream.Pause.Notify} or {@code NetStream.Unpause.Notify}
   */
  public CompletableFuture<StatusEvent> pause(boolean pause, double timeMillis) {
    String code = pause ? "NetStream.Pause.Notify" : "NetStream.Unpause.Notify";
    return command("pause", Set.of(code), "pause", pause, timeMillis);
  }

  /**
   * Seeks a recorded stream (section 7.2.2.7).
   *
   * @param timeMillis the position to seek to
   * @return completes on {@code NetStream.Seek.Notify}; fails on {@code NetStream.Seek.Failed}
   */
  public CompletableFuture<StatusEvent> seek(double timeMillis) {
    return command("seek " + timeMillis, Set.of("NetStream.Seek.Notify"), "seek", timeMillis);
  }

  /** Asks the server to send audio or not (section 7.2.2.4). */
  public CompletableFuture<Void> receiveAudio(boolean receive) {
    return send("receiveAudio", receive);
  }

  /** Asks the server to send video or not (section 7.2.2.5). */
  public CompletableFuture<Void> receiveVideo(boolean receive) {
    return send("receiveVideo", receive);
  }

  /** Stops publishing or playing; the stream id stays usable (Flash Player's NetStream.close). */
  public CompletableFuture<Void> closeStream() {
    return send("closeStream");
  }

  /** Sends {@code deleteStream} on stream 0 (section 7.2.2.3) and forgets this stream. */
  public CompletableFuture<Void> deleteStream() {
    return client.deleteStream(this);
  }

  /** Sends UserControl SetBufferLength for this stream (section 7.1.7). */
  public CompletableFuture<Void> setBufferLength(long bufferMillis) {
    return client.write(new UserControlEvent.SetBufferLength(streamId, bufferMillis));
  }

  /** Sends an audio message; ownership of {@code payload} passes to the client. */
  public CompletableFuture<Void> sendAudio(long timestamp, ByteBuf payload) {
    return client.write(new AudioMessage(streamId, timestamp, payload));
  }

  /** Sends a video message; ownership of {@code payload} passes to the client. */
  public CompletableFuture<Void> sendVideo(long timestamp, ByteBuf payload) {
    return client.write(new VideoMessage(streamId, timestamp, payload));
  }

  /** Sends an AMF0 data message, e.g. {@code "@setDataFrame", "onMetaData", metadata}. */
  public CompletableFuture<Void> sendData(long timestamp, Object... values) {
    return client.write(
        new DataMessage(streamId, timestamp, ClientHandler.arguments(values), ObjectEncoding.AMF0));
  }

  /** Sets the listener for received media and data, replacing any previous one. */
  public ClientStream onMedia(MediaListener mediaListener) {
    this.listener = mediaListener;
    return this;
  }

  /** Takes the oldest received media or data message not yet taken, or the next to arrive. */
  public CompletableFuture<ReceivedMedia> nextMedia() {
    return nextMedia(m -> true);
  }

  /** Takes the oldest received message that matches, or the next one to arrive. */
  public CompletableFuture<ReceivedMedia> nextMedia(Predicate<ReceivedMedia> predicate) {
    if (media == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("media queue disabled (mediaQueueCapacity 0)"));
    }
    return media.next(predicate);
  }

  /** Blocks until a media or data message is there; for tests, never on an event loop. */
  public ReceivedMedia awaitMedia(Duration timeout) throws TimeoutException, InterruptedException {
    return awaitMedia(m -> true, timeout);
  }

  /** Blocks until a matching media or data message is there; never on an event loop. */
  public ReceivedMedia awaitMedia(Predicate<ReceivedMedia> predicate, Duration timeout)
      throws TimeoutException, InterruptedException {
    if (media == null) {
      throw new IllegalStateException("media queue disabled (mediaQueueCapacity 0)");
    }
    return media.await(predicate, timeout, "media on stream " + streamId, client.group());
  }

  /** Blocks until a user control event of the given type (e.g. StreamBegin) for this stream. */
  public <T extends UserControlEvent> T awaitUserControl(Class<T> type, Duration timeout)
      throws TimeoutException, InterruptedException {
    return type.cast(
        userControl.await(
            type::isInstance, timeout, type.getSimpleName() + " on " + streamId, client.group()));
  }

  /** Blocks until the next {@code onStatus} with {@code code} on this stream. */
  public StatusEvent awaitStatus(String code, Duration timeout)
      throws TimeoutException, InterruptedException {
    return client.awaitStatus(
        s -> s.streamId() == streamId && s.code().equals(code), code, timeout);
  }

  /** Audio messages received. */
  public long audioFrames() {
    return audioFrames.get();
  }

  /** Video messages received. */
  public long videoFrames() {
    return videoFrames.get();
  }

  /** Data messages received. */
  public long dataMessages() {
    return dataMessages.get();
  }

  /** Audio and video payload bytes received. */
  public long mediaBytes() {
    return mediaBytes.get();
  }

  private CompletableFuture<StatusEvent> command(
      String what, Set<String> success, String name, Object... args) {
    CompletableFuture<StatusEvent> result = new CompletableFuture<>();
    client.execute(
        result,
        handler -> {
          pending.add(new PendingStatus(what, success, result));
          handler.write(streamCommand(name, args), result);
        });
    return result;
  }

  private CompletableFuture<Void> send(String name, Object... args) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    client.execute(result, handler -> handler.send(streamCommand(name, args), result));
    return result;
  }

  private Command streamCommand(String name, Object... args) {
    return new Command(
        streamId, name, 0, null, ClientHandler.arguments(args), client.config().objectEncoding());
  }

  /** On the event loop: completes or fails the oldest stream command this status answers. */
  void onStatus(StatusEvent status) {
    for (Iterator<PendingStatus> it = pending.iterator(); it.hasNext(); ) {
      PendingStatus op = it.next();
      if (op.future.isDone()) {
        it.remove();
      } else if (op.success.contains(status.code())) {
        it.remove();
        op.future.complete(status);
        return;
      }
    }
    if (status.isError() && !pending.isEmpty()) {
      PendingStatus op = pending.remove(0);
      op.future.completeExceptionally(new RtmpStatusException(op.what, status.info()));
    }
  }

  /** On the event loop: counts, hands to the listener, keeps a copy. */
  void onMedia(MediaMessage message) {
    ByteBuf payload = message.content();
    mediaBytes.addAndGet(payload.readableBytes());
    boolean audio = message instanceof AudioMessage;
    (audio ? audioFrames : videoFrames).incrementAndGet();
    MediaListener current = listener;
    if (current != null) {
      try {
        current.onMedia(this, message);
      } catch (RuntimeException e) {
        LOG.warn("media listener of stream {} failed", streamId, e);
      }
    }
    if (media != null) {
      media.add(
          new ReceivedMedia(
              audio ? ReceivedMedia.Kind.AUDIO : ReceivedMedia.Kind.VIDEO,
              streamId,
              message.timestamp(),
              ByteBufUtil.getBytes(payload),
              List.of()));
    }
  }

  /** On the event loop: counts, hands to the listener, keeps a copy. */
  void onData(DataMessage message) {
    dataMessages.incrementAndGet();
    MediaListener current = listener;
    if (current != null) {
      try {
        current.onData(this, message);
      } catch (RuntimeException e) {
        LOG.warn("media listener of stream {} failed", streamId, e);
      }
    }
    if (media != null) {
      media.add(
          new ReceivedMedia(
              ReceivedMedia.Kind.DATA,
              streamId,
              message.timestamp(),
              new byte[0],
              message.values()));
    }
  }

  /** On the event loop: keeps StreamBegin, StreamEOF and the like for {@link #awaitUserControl}. */
  void onUserControl(UserControlEvent event) {
    userControl.add(event);
  }

  /** On the event loop: the connection closed or the stream was deleted. */
  void closed(Throwable cause) {
    List<PendingStatus> failed = new ArrayList<>(pending);
    pending.clear();
    failed.forEach(op -> op.future.completeExceptionally(cause));
    if (media != null) {
      media.failWaiters(cause);
    }
    userControl.failWaiters(cause);
  }

  @Override
  public String toString() {
    return "ClientStream[" + streamId + "]";
  }
}
