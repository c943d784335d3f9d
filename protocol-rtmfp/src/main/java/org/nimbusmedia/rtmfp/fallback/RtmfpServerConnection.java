package org.nimbusmedia.rtmfp.fallback;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServerConnection} over RTMFP: our {@link RtmfpClient}, connected. RTMP messages travel
 * on flows (RFC 7425 section 5): commands and status on the NetConnection flow and on each
 * NetStream's flow, media on the stream's flow. Messages arrive on the client's event loop.
 */
final class RtmfpServerConnection extends ConnectionBase {
  private static final Logger LOG = LoggerFactory.getLogger(RtmfpServerConnection.class);

  /** A stream waiting for one of {@code codes} in an {@code onStatus}. */
  private record PendingStatus(String what, Set<String> codes, CompletableFuture<Void> done) {}

  private final RtmfpClient client;
  private final InetSocketAddress server;
  private final DirectStreams directStreams;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Amf0Decoder dataDecoder = new Amf0Decoder(AmfLimits.DEFAULT);
  private final Map<String, Function<List<Object>, Object>> callHandlers =
      new ConcurrentHashMap<>();
  private final Map<Integer, PendingStatus> statuses = new ConcurrentHashMap<>();
  private final Map<Integer, Consumer<ReceivedMedia>> players = new ConcurrentHashMap<>();

  RtmfpServerConnection(RtmfpClient client, InetSocketAddress server, URI uri) {
    super(Protocol.RTMFP, uri);
    this.client = client;
    this.server = server;
    this.directStreams = new DirectStreams(client);
    client.onMessage(this::received);
  }

  @Override
  public byte[] peerId() {
    return client.peerId();
  }

  @Override
  public RtmfpClient rtmfpClient() {
    return client;
  }

  @Override
  public DirectStreams directStreams() {
    return directStreams;
  }

  @Override
  public CompletableFuture<Session> connectPeer(byte[] peerId) {
    return client.connectPeer(server, peerId);
  }

  @Override
  public CompletableFuture<Object> call(String method, Object... args) {
    return client.call(method, args).thenApply(answer -> resultOf("call " + method, answer));
  }

  /** The value of a {@code _result}; an {@code _error} fails with its info object. */
  static Object resultOf(String what, Command answer) {
    if (answer.name().equals("_error")) {
      throw new RtmpStatusException(what, infoOf(answer.argument(0)));
    }
    return answer.argument(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> infoOf(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @Override
  public void onCall(String method, Function<List<Object>, Object> handler) {
    callHandlers.put(method, handler);
  }

  @Override
  public CompletableFuture<Publication> publish(String name) {
    return client
        .createStream()
        .thenCompose(
            id ->
                awaitStatus(
                        id,
                        "publish " + name,
                        "NetStream.Publish.Start",
                        () -> client.publish(id, name))
                    .thenApply(started -> publication(id, name)));
  }

  private Publication publication(int id, String name) {
    return new Publication(
        name,
        (audio, timestamp, payload) ->
            client.send(
                id,
                new FlowMessage(audio ? MessageType.AUDIO : MessageType.VIDEO, timestamp, payload)),
        () -> deleteStream(id));
  }

  @Override
  public CompletableFuture<Subscription> play(String name, Consumer<ReceivedMedia> media) {
    return client
        .createStream()
        .thenCompose(
            id -> {
              players.put(id, media);
              return awaitStatus(
                      id, "play " + name, "NetStream.Play.Start", () -> client.play(id, name))
                  .thenApply(started -> subscription(id, name));
            });
  }

  private Subscription subscription(int id, String name) {
    return new Subscription(
        name,
        () -> {
          players.remove(id);
          deleteStream(id);
        });
  }

  /** Sends {@code command} on stream {@code id} and completes on {@code code}. */
  private CompletableFuture<Void> awaitStatus(int id, String what, String code, Runnable command) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    statuses.put(id, new PendingStatus(what, Set.of(code), done));
    command.run();
    return done;
  }

  /** {@code deleteStream} on the NetConnection flow (RTMP 1.0 section 7.2.2.3); no answer. */
  private void deleteStream(int id) {
    client.sendOnConnection(commands.encode(Command.of("deleteStream", 0, null, (double) id)));
  }

  /** Every message that is not the answer to a call, on the client's event loop. */
  private void received(int streamId, FlowMessage message) {
    try {
      if (FlowCommands.isCommand(message)) {
        command(commands.decode(message, streamId));
      } else if (message.type() == MessageType.AUDIO || message.type() == MessageType.VIDEO) {
        media(streamId, message);
      } else if (message.type() == MessageType.DATA_AMF0
          || message.type() == MessageType.DATA_AMF3) {
        data(streamId, message);
      }
    } catch (RuntimeException e) {
      // One bad message from the server costs that message, not the connection.
      LOG.info("RTMFP message from {} on stream {} dropped: {}", uri(), streamId, e.toString());
    }
  }

  private void command(Command command) {
    if (command.name().equals("onStatus")) {
      status(command.streamId(), infoOf(command.argument(0)));
      return;
    }
    Function<List<Object>, Object> handler = callHandlers.get(command.name());
    if (handler == null) {
      return;
    }
    Object value = handler.apply(command.arguments());
    if (command.transactionId() != 0) {
      client.answer(command.transactionId(), value);
    }
  }

  private void status(int streamId, Map<String, Object> info) {
    PendingStatus pending = statuses.get(streamId);
    if (pending == null) {
      return;
    }
    Object code = info.get("code");
    if (pending.codes().contains(code)) {
      statuses.remove(streamId);
      pending.done().complete(null);
    } else if ("error".equals(info.get("level"))) {
      statuses.remove(streamId);
      pending.done().completeExceptionally(new RtmpStatusException(pending.what(), info));
    }
  }

  private void media(int streamId, FlowMessage message) {
    Consumer<ReceivedMedia> player = players.get(streamId);
    if (player != null) {
      ReceivedMedia.Kind kind =
          message.type() == MessageType.AUDIO ? ReceivedMedia.Kind.AUDIO : ReceivedMedia.Kind.VIDEO;
      player.accept(
          new ReceivedMedia(kind, streamId, message.timestamp(), message.payload(), List.of()));
    }
  }

  private void data(int streamId, FlowMessage message) {
    Consumer<ReceivedMedia> player = players.get(streamId);
    if (player == null) {
      return;
    }
    ObjectEncoding encoding =
        message.type() == MessageType.DATA_AMF3 ? ObjectEncoding.AMF3 : ObjectEncoding.AMF0;
    ByteBuf in = Unpooled.wrappedBuffer(message.payload());
    try {
      List<Object> values = dataDecoder.decodeAll(in, encoding);
      player.accept(
          new ReceivedMedia(
              ReceivedMedia.Kind.DATA, streamId, message.timestamp(), new byte[0], values));
    } finally {
      in.release();
    }
  }

  @Override
  public CompletableFuture<Void> closed() {
    return client.closed();
  }

  @Override
  public void close() {
    statuses
        .values()
        .forEach(p -> p.done().completeExceptionally(new IllegalStateException("closed")));
    client.close();
  }
}
