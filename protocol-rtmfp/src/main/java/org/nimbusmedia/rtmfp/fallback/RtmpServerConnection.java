package org.nimbusmedia.rtmfp.fallback;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;

/** A {@link ServerConnection} over RTMP or RTMPT: our {@link RtmpClient}, connected. */
final class RtmpServerConnection extends ConnectionBase {
  private final RtmpClient client;

  RtmpServerConnection(RtmpClient client, Protocol protocol, URI uri) {
    super(protocol, uri);
    this.client = client;
  }

  @Override
  public byte[] peerId() {
    return new byte[0];
  }

  @Override
  public RtmfpClient rtmfpClient() {
    return null;
  }

  @Override
  public DirectStreams directStreams() {
    return null;
  }

  @Override
  public CompletableFuture<Session> connectPeer(byte[] peerId) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("direct peer sessions need RTMFP, not " + protocol()));
  }

  @Override
  public CompletableFuture<Object> call(String method, Object... args) {
    return client.call(method, args);
  }

  @Override
  public void onCall(String method, Function<List<Object>, Object> handler) {
    client.onCall(method, handler);
  }

  @Override
  public CompletableFuture<Publication> publish(String name) {
    return client
        .createStream()
        .thenCompose(
            stream -> stream.publish(name, "live").thenApply(started -> publication(stream, name)));
  }

  private static Publication publication(ClientStream stream, String name) {
    return new Publication(
        name,
        (audio, timestamp, payload) -> {
          if (audio) {
            stream.sendAudio(timestamp, Unpooled.wrappedBuffer(payload.clone()));
          } else {
            stream.sendVideo(timestamp, Unpooled.wrappedBuffer(payload.clone()));
          }
        },
        stream::deleteStream);
  }

  @Override
  public CompletableFuture<Subscription> play(String name, Consumer<ReceivedMedia> media) {
    return client
        .createStream()
        .thenCompose(
            stream -> {
              stream.onMedia(new Forwarder(media));
              return stream
                  .play(name)
                  .thenApply(started -> new Subscription(name, stream::deleteStream));
            });
  }

  @Override
  public CompletableFuture<Void> closed() {
    return client.closeFuture();
  }

  @Override
  public void close() {
    client.close();
  }

  /** Hands each message on as a copy that holds no buffer. */
  private record Forwarder(Consumer<ReceivedMedia> media) implements MediaListener {
    @Override
    public void onMedia(ClientStream stream, MediaMessage message) {
      ReceivedMedia.Kind kind =
          message instanceof AudioMessage ? ReceivedMedia.Kind.AUDIO : ReceivedMedia.Kind.VIDEO;
      media.accept(
          new ReceivedMedia(
              kind,
              message.streamId(),
              message.timestamp(),
              ByteBufUtil.getBytes(message.content()),
              List.of()));
    }

    @Override
    public void onData(ClientStream stream, DataMessage message) {
      media.accept(
          new ReceivedMedia(
              ReceivedMedia.Kind.DATA,
              message.streamId(),
              message.timestamp(),
              new byte[0],
              message.values()));
    }
  }
}
