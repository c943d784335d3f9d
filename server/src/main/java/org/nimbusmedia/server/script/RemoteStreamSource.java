package org.nimbusmedia.server.script;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * A live stream of another server, played over a script's {@code NetConnection} and republished
 * under a local name: {@code Stream.get(local).play(name, start, len, reset, remoteNC)} (fms4.md
 * section 1.4), how FMS edges pulled streams from an origin. It plays like Flash Player ({@code
 * createStream}, {@code play}); the far stream's {@code onStatus} events reach the local stream's
 * {@code onStatus}, its media and data go into the local stream. Media stays on the connection's
 * event loop and never passes through the script thread.
 */
final class RemoteStreamSource implements MediaListener {
  private final OutgoingRtmpConnection connection;
  private final ServerStream target;
  private final Consumer<Map<String, Object>> statuses;
  private final CompletableFuture<ClientStream> stream;
  private volatile boolean stopped;

  /** Starts playing {@code name} over {@code connection}; returns at once. */
  RemoteStreamSource(
      OutgoingRtmpConnection connection,
      String name,
      double startSeconds,
      double lengthSeconds,
      boolean reset,
      ServerStream target,
      Consumer<Map<String, Object>> statuses) {
    this.connection = connection;
    this.target = target;
    this.statuses = statuses;
    this.stream = connection.client().createStream();
    stream.whenComplete(
        (created, error) -> {
          if (error != null) {
            statuses.accept(
                AmfObject.of(
                    "level",
                    "error",
                    "code",
                    "NetStream.Play.Failed",
                    "description",
                    "createStream failed: " + error.getMessage(),
                    "details",
                    name));
            return;
          }
          if (stopped) {
            created.deleteStream();
            return;
          }
          connection.onStreamStatus(created.streamId(), statuses);
          created.onMedia(this);
          // SSAS gives seconds, the wire milliseconds; negative values are the same codes x 1000.
          created.play(
              name, startSeconds * 1000, lengthSeconds < 0 ? -1 : lengthSeconds * 1000, reset);
        });
  }

  @Override
  public void onMedia(ClientStream from, MediaMessage message) {
    if (stopped) {
      return;
    }
    FrameKind kind = message instanceof AudioMessage ? FrameKind.AUDIO : FrameKind.VIDEO;
    target.onFrame(new StreamFrame(kind, message.timestamp(), message.content().retain()));
  }

  @Override
  public void onData(ClientStream from, DataMessage message) {
    if (!stopped) {
      target.onRemoteData(message.values());
    }
  }

  /** Stops playing and deletes the far stream; nothing more reaches the local stream. */
  void stop() {
    stopped = true;
    stream.thenAccept(
        created -> {
          connection.deleteStream(created);
        });
  }
}
