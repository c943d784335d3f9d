package org.nimbusmedia.server.testing.meeting;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;

/** A meeting client's connection over RTMFP (RFC 7425): our {@link RtmfpClient}. */
final class RtmfpLink implements ServerLink {
  private final RtmfpClient client;
  private final InetSocketAddress server;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Map<Integer, Consumer<byte[]>> players = new ConcurrentHashMap<>();
  private final Map<Integer, CompletableFuture<Void>> publishing = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, List<Object>> calls = (method, args) -> {};

  RtmfpLink(RtmfpClient client, InetSocketAddress server) {
    this.client = client;
    this.server = server;
    client.onMessage(this::received);
  }

  @Override
  public String protocol() {
    return "rtmfp";
  }

  @Override
  public CompletableFuture<Void> connect(String app, Object... args) {
    String tcUrl = "rtmfp://127.0.0.1:" + server.getPort() + "/" + app;
    return client
        .connect(server, tcUrl, app, args)
        .thenAccept(
            reply -> {
              if (!reply.name().equals("_result")) {
                throw new IllegalStateException("connect refused: " + reply.arguments());
              }
            });
  }

  @Override
  public void onCall(BiConsumer<String, List<Object>> handler) {
    this.calls = handler;
  }

  @Override
  public CompletableFuture<Object> call(String method, Object... args) {
    return client.call(method, args).thenApply(reply -> reply.argument(0));
  }

  @Override
  public CompletableFuture<Outgoing> publish(String name) {
    return client
        .createStream()
        .thenCompose(
            id -> {
              CompletableFuture<Void> started = new CompletableFuture<>();
              publishing.put(id, started);
              client.publish(id, name);
              return started.thenApply(ok -> new Publication(id));
            });
  }

  @Override
  public CompletableFuture<Incoming> play(String name, Consumer<byte[]> frames) {
    return client
        .createStream()
        .thenApply(
            id -> {
              players.put(id, frames);
              client.play(id, name);
              return () -> {
                players.remove(id);
                deleteStream(id);
              };
            });
  }

  private void deleteStream(int id) {
    client.call("deleteStream", (double) id);
  }

  private void received(int streamId, FlowMessage message) {
    if (message.type() == MessageType.VIDEO) {
      Consumer<byte[]> player = players.get(streamId);
      if (player != null) {
        player.accept(message.payload());
      }
      return;
    }
    if (!FlowCommands.isCommand(message)) {
      return;
    }
    Command command = commands.decode(message, streamId);
    if (streamId == 0) {
      calls.accept(command.name(), command.arguments());
    } else if (command.name().equals("onStatus")
        && command.argument(0) instanceof Map<?, ?> info
        && "NetStream.Publish.Start".equals(info.get("code"))) {
      CompletableFuture<Void> started = publishing.remove(streamId);
      if (started != null) {
        started.complete(null);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private final class Publication implements Outgoing {
    private final int id;

    Publication(int id) {
      this.id = id;
    }

    @Override
    public void sendVideo(long timestamp, byte[] body) {
      client.send(id, new FlowMessage(MessageType.VIDEO, timestamp, body));
    }

    @Override
    public void close() {
      deleteStream(id);
    }
  }
}
