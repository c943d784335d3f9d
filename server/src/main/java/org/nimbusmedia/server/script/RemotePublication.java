package org.nimbusmedia.server.script;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.LiveStreamRegistry;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.stream.StreamSubscriber;

/**
 * A script's server-side {@code NetStream} (FMS 4 SSASLR, NetStream class): it subscribes to the
 * local live stream that {@code attach} named and publishes it to the far server over the script
 * {@code NetConnection} (multipoint publishing, how FMS origins fed other servers). The far
 * stream's status events reach the script's {@code ns.onStatus}.
 *
 * <p>Frames go from the local publisher's thread straight to the connection; none passes through
 * the script thread. When the connection to the far server cannot take more (its channel is not
 * writable), frames are dropped, except sequence headers, until it can: a slow far server never
 * makes the server buffer without bound.
 */
final class RemotePublication implements NetConnectionHost.OutgoingStream, StreamSubscriber {
  private final OutgoingRtmpConnection connection;
  private final LiveStreamRegistry registry;
  private final Consumer<Map<String, Object>> onStatus;
  private String attached;
  private String subscribed;
  private CompletableFuture<ClientStream> stream;
  private volatile ClientStream publishing;
  private boolean closed;

  RemotePublication(
      OutgoingRtmpConnection connection,
      LiveStreamRegistry registry,
      Consumer<Map<String, Object>> onStatus) {
    this.connection = connection;
    this.registry = registry;
    this.onStatus = onStatus;
  }

  @Override
  public synchronized void attach(String localStreamName) {
    attached = localStreamName;
    if (publishing != null) {
      subscribe();
    }
  }

  @Override
  public synchronized void publish(String name, String type) {
    if (closed) {
      return;
    }
    if (stream == null) {
      stream = connection.client().createStream();
    }
    stream.whenComplete(
        (created, error) -> {
          if (error != null) {
            onStatus.accept(
                AmfObject.of(
                    "level", "error",
                    "code", "NetStream.Failed",
                    "description", "createStream failed: " + error.getMessage()));
            return;
          }
          connection.onStreamStatus(created.streamId(), onStatus);
          created
              .publish(name, type)
              .thenRun(
                  () -> {
                    synchronized (this) {
                      if (!closed) {
                        publishing = created;
                        subscribe();
                      }
                    }
                  });
        });
  }

  /** Follows the attached stream; the bus sends its cached start (metadata, keyframe) first. */
  private void subscribe() {
    if (subscribed != null) {
      registry.unsubscribe(subscribed, this);
      subscribed = null;
    }
    if (attached != null) {
      registry.subscribe(attached, this);
      subscribed = attached;
    }
  }

  @Override
  public synchronized void unpublish() {
    if (subscribed != null) {
      registry.unsubscribe(subscribed, this);
      subscribed = null;
    }
    ClientStream current = publishing;
    publishing = null;
    if (current != null) {
      current.closeStream();
    }
  }

  @Override
  public void send(String handler, List<Object> args) {
    ClientStream current = publishing;
    if (current != null) {
      List<Object> values = new ArrayList<>(args.size() + 1);
      values.add(handler);
      values.addAll(args);
      current.sendData(0, values.toArray());
    }
  }

  @Override
  public synchronized void close() {
    unpublish();
    closed = true;
    if (stream != null) {
      stream.thenAccept(
          created -> {
            connection.deleteStream(created);
          });
    }
  }

  // ---- as a player of the attached local stream

  @Override
  public void onFrame(StreamFrame frame) {
    ClientStream current = publishing;
    if (current == null || (!connection.client().isWritable() && !frame.isSequenceHeader())) {
      frame.release();
      return;
    }
    ByteBuf payload = frame.content().retain();
    long timestamp = frame.timestamp();
    FrameKind kind = frame.kind();
    frame.release();
    switch (kind) {
      case AUDIO -> current.sendAudio(timestamp, payload);
      case VIDEO -> current.sendVideo(timestamp, payload);
      case DATA -> sendData(current, timestamp, payload);
    }
  }

  /** A data frame is AMF0 values; {@code onMetaData} is sent as {@code @setDataFrame}. */
  private static void sendData(ClientStream current, long timestamp, ByteBuf payload) {
    List<Object> values;
    try {
      values = new Amf0Decoder().decodeAll(payload);
    } catch (AmfException e) {
      return;
    } finally {
      payload.release();
    }
    if (!values.isEmpty() && "onMetaData".equals(values.get(0))) {
      values.add(0, "@setDataFrame");
    }
    current.sendData(timestamp, values.toArray());
  }

  @Override
  public void onPublishNotify(String streamName) {}

  @Override
  public void onUnpublishNotify(String streamName) {}
}
