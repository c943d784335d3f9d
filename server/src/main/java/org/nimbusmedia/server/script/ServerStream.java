package org.nimbusmedia.server.script;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.scripting.host.StreamHost;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.rtmp.StreamNames;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.LiveStream;
import org.nimbusmedia.server.stream.LiveStreamRegistry;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.stream.StreamPublisher;
import org.nimbusmedia.server.stream.StreamSubscriber;
import org.nimbusmedia.server.vod.MediaFile;
import org.nimbusmedia.server.vod.PlayItem;
import org.nimbusmedia.server.vod.RecordMode;
import org.nimbusmedia.server.vod.StreamRecorder;
import org.nimbusmedia.server.vod.VodPlayer;

/**
 * A stream that the script publishes ({@code Stream.get(name)}): it claims its name on the bus when
 * it first has something to send, republishes a live source it plays (of this instance, or of
 * another server over a script's {@code NetConnection}), and sends the script's data messages.
 * Thread-safe: the script thread calls it, the source's publisher thread feeds it.
 */
final class ServerStream implements StreamHost.StreamHandle, StreamPublisher, StreamSubscriber {
  private final String name;
  private final LiveStreamRegistry registry;
  private final LiveStreamHost host;
  private final ApplicationInstance instance;
  private StreamRecorder recorder;

  /** The files this stream plays, if it plays files; driven on the media clock thread. */
  private VodPlayer files;

  private final List<Consumer<Map<String, Object>>> listeners = new ArrayList<>();
  private LiveStream published;
  private String source;
  private RemoteStreamSource remoteSource;
  private volatile boolean receiveAudio = true;
  private volatile boolean receiveVideo = true;

  ServerStream(
      String name, LiveStreamRegistry registry, LiveStreamHost host, ApplicationInstance instance) {
    this.instance = instance;
    this.name = name;
    this.registry = registry;
    this.host = host;
  }

  @Override
  public String name() {
    return name;
  }

  /** Publishes under {@code name}, once; false when a client already publishes it. */
  private synchronized boolean claim() {
    if (published != null) {
      return true;
    }
    if (registry.claim(name, this).join() != LiveStreamRegistry.PublishResult.GRANTED) {
      status("error", "NetStream.Publish.BadName", name + " is already being published.");
      return false;
    }
    published = registry.find(name).orElse(null);
    status("status", "NetStream.Publish.Start", name + " is now published.");
    return published != null;
  }

  @Override
  public synchronized boolean play(String sourceName, double start, double length, boolean reset) {
    String live = StreamNames.live(sourceName).orElse(null);
    boolean liveNow =
        live != null && registry.find(live).map(LiveStream::isPublished).orElse(false);
    boolean liveOnly = start > -1.5 && start < 0;
    if (!liveOnly && (start >= 0 || !liveNow)) {
      // A file lookup on the script thread: FMS's Stream.play is synchronous too.
      Optional<MediaFile> file = instance.media().findForPlay(instance.address(), sourceName);
      if (file.isPresent()) {
        return playFile(sourceName, file.get(), start, length, reset);
      }
      if (start >= 0) {
        status("error", "NetStream.Play.StreamNotFound", "No recorded stream " + sourceName + ".");
        return false;
      }
    }
    if (live == null || live.equals(name) || !claim()) {
      return false;
    }
    stopSource();
    source = live;
    registry.subscribe(live, this);
    status("status", "NetStream.Play.Start", "Started playing " + live + ".");
    return true;
  }

  /**
   * Plays a live stream of the server at the far end of a script's {@code NetConnection} and
   * republishes it under this stream's name; the far stream's status events become this stream's.
   */
  @Override
  public synchronized boolean play(
      String sourceName,
      double start,
      double length,
      boolean reset,
      NetConnectionHost.Connection remote) {
    if (!(remote instanceof OutgoingRtmpConnection rtmp)) {
      status(
          "error", "NetStream.Play.Failed", "Remote streams are played over rtmp:// connections.");
      return false;
    }
    if (!claim()) {
      return false;
    }
    stopSource();
    source = sourceName;
    remoteSource =
        new RemoteStreamSource(rtmp, sourceName, start, length, reset, this, this::forwardStatus);
    return true;
  }

  private synchronized void forwardStatus(Map<String, Object> info) {
    for (Consumer<Map<String, Object>> listener : listeners) {
      listener.accept(info);
    }
  }

  /** A data message of a remote source: {@code onMetaData} becomes what new players get first. */
  void onRemoteData(List<Object> values) {
    LiveStream target;
    synchronized (this) {
      target = published;
    }
    if (target == null || values.isEmpty()) {
      return;
    }
    if ("onMetaData".equals(values.get(0))) {
      target.setMetadata(this, dataFrame(values));
    } else {
      target.publish(this, dataFrame(values));
    }
  }

  /**
   * Publishes the file under this stream's name, paced to real time; {@code start} and {@code
   * length} in seconds; with {@code reset} false the file joins the playlist that is playing.
   */
  private boolean playFile(
      String sourceName, MediaFile file, double start, double length, boolean reset) {
    if (!claim()) {
      return false;
    }
    PlayItem item =
        new PlayItem(
            sourceName,
            file,
            Math.max(0, (long) (start * 1000)),
            length < 0 ? -1 : (long) (length * 1000));
    VodPlayer playing = files;
    if (!reset && playing != null) {
      instance.media().clock().execute(() -> playing.enqueue(item));
      return true;
    }
    stopSource();
    FilePublisher sink = new FilePublisher(instance.media().clock(), published, this, this::status);
    VodPlayer player = new VodPlayer(sink, instance.media());
    files = player;
    instance.media().clock().execute(() -> player.start(item));
    return true;
  }

  @Override
  public synchronized void stop() {
    if (source != null) {
      status("status", "NetStream.Play.Stop", "Stopped playing " + source + ".");
    }
    stopSource();
  }

  private void stopSource() {
    if (remoteSource != null) {
      remoteSource.stop();
      remoteSource = null;
      source = null;
    }
    if (files != null) {
      VodPlayer player = files;
      files = null;
      instance.media().clock().execute(player::stop);
    }
    if (source != null) {
      registry.unsubscribe(source, this);
      source = null;
    }
  }

  /**
   * {@code record(flag, maxDuration, maxSize)}: records the live stream of this name, whoever
   * publishes it. {@code maxDuration} in seconds and {@code maxSize} in kilobytes; 0 or less takes
   * the configured limit (SSASLR Stream.record).
   */
  @Override
  public synchronized boolean record(String mode, double maxDuration, double maxSize) {
    Optional<RecordMode> recordMode = RecordMode.of(mode);
    if (recordMode.isEmpty()) {
      status("error", "NetStream.Record.Failed", "Unknown record mode " + mode + ".");
      return false;
    }
    stopRecording();
    recorder =
        StreamRecorder.start(
            instance.media(),
            instance.address(),
            registry,
            name,
            name,
            recordMode.get(),
            new StreamRecorder.Limits(
                maxDuration > 0 ? (long) (maxDuration * 1000) : 0,
                maxSize > 0 ? (long) (maxSize * 1024) : 0),
            this::status);
    return true;
  }

  @Override
  public synchronized void stopRecording() {
    if (recorder != null) {
      recorder.stop();
      recorder = null;
    }
  }

  /** {@code send(handler, args...)}; {@code @setDataFrame} sets the metadata new players get. */
  @Override
  public boolean send(String handler, List<Object> args) {
    if (!claim()) {
      return false;
    }
    if ("@setDataFrame".equals(handler)) {
      published.setMetadata(this, dataFrame(args));
    } else {
      List<Object> values = new ArrayList<>(args.size() + 1);
      values.add(handler);
      values.addAll(args);
      published.publish(this, dataFrame(values));
    }
    return true;
  }

  private static StreamFrame dataFrame(List<Object> values) {
    ByteBuf body = Unpooled.buffer();
    try {
      new Amf0Encoder().encodeAll(values, body);
    } catch (RuntimeException e) {
      body.release();
      throw e;
    }
    return new StreamFrame(FrameKind.DATA, 0, body);
  }

  @Override
  public boolean clear() {
    return false;
  }

  @Override
  public void receiveAudio(boolean receive) {
    receiveAudio = receive;
  }

  @Override
  public void receiveVideo(boolean receive) {
    receiveVideo = receive;
  }

  @Override
  public synchronized void destroy() {
    stopRecording();
    stopSource();
    if (published != null) {
      registry.release(name, this);
      published = null;
    }
    host.forget(this);
  }

  @Override
  public synchronized void onStatus(Consumer<Map<String, Object>> listener) {
    listeners.add(listener);
  }

  private synchronized void status(String level, String code, String description) {
    AmfObject info =
        AmfObject.of("level", level, "code", code, "description", description, "details", name);
    for (Consumer<Map<String, Object>> listener : listeners) {
      listener.accept(info);
    }
  }

  // ---- as a subscriber of its source: republish what arrives

  @Override
  public void onFrame(StreamFrame frame) {
    LiveStream target;
    synchronized (this) {
      target = published;
    }
    boolean wanted =
        (frame.kind() != FrameKind.AUDIO || receiveAudio)
            && (frame.kind() != FrameKind.VIDEO || receiveVideo);
    if (target == null || !wanted) {
      frame.release();
      return;
    }
    target.publish(this, frame);
  }

  @Override
  public void onPublishNotify(String streamName) {
    status("status", "NetStream.Play.PublishNotify", streamName + " is now published.");
  }

  @Override
  public void onUnpublishNotify(String streamName) {
    status("status", "NetStream.Play.UnpublishNotify", streamName + " is now unpublished.");
  }

  // ---- as the publisher of its name

  @Override
  public String describe() {
    return "server-side stream " + name;
  }

  /** The script's stream lives as long as the instance: it always answers. */
  @Override
  public CompletableFuture<Boolean> probeAlive(Duration timeout) {
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized void onTakenOver(String streamName) {
    published = null;
  }
}
