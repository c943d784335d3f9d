package org.nimbusmedia.server.testing.meeting;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.MessageType;

/** A meeting client's connection over RTMP (Flash Player 9, or UDP blocked): our RtmpClient. */
final class RtmpLink implements ServerLink {
  private final RtmpClient client;
  private final URI server;

  /**
   * @param server {@code rtmp://127.0.0.1:port} without the application
   */
  RtmpLink(RtmpClient client, URI server) {
    this.client = client;
    this.server = server;
  }

  @Override
  public String protocol() {
    return "rtmp";
  }

  @Override
  public CompletableFuture<Void> connect(String app, Object... args) {
    return client.connect(server.resolve("/" + app), args).thenAccept(reply -> {});
  }

  @Override
  public void onCall(BiConsumer<String, List<Object>> handler) {
    client.onOtherCalls(
        (method, args) -> {
          handler.accept(method, args);
          return null;
        });
  }

  @Override
  public CompletableFuture<Object> call(String method, Object... args) {
    return client.call(method, args);
  }

  @Override
  public CompletableFuture<Outgoing> publish(String name) {
    return client
        .createStream()
        .thenCompose(
            stream ->
                stream
                    .publish(name, "live")
                    .thenApply(
                        started ->
                            new Outgoing() {
                              @Override
                              public void sendVideo(long timestamp, byte[] body) {
                                stream.sendVideo(timestamp, Unpooled.wrappedBuffer(body));
                              }

                              @Override
                              public void close() {
                                stream.deleteStream();
                              }
                            }));
  }

  @Override
  public CompletableFuture<Incoming> play(String name, Consumer<byte[]> frames) {
    return client
        .createStream()
        .thenApply(
            stream -> {
              stream.onMedia(new Player(frames));
              stream.play(name);
              return stream::deleteStream;
            });
  }

  @Override
  public void close() {
    client.close();
  }

  private record Player(Consumer<byte[]> frames) implements MediaListener {
    @Override
    public void onMedia(ClientStream stream, MediaMessage message) {
      if (message.typeId() == MessageType.VIDEO) {
        frames.accept(ByteBufUtil.getBytes(message.content()));
      }
    }
  }
}
