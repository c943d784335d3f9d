package org.nimbusmedia.rtmp.client;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.handshake.HandshakeCompleted;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.SetChunkSize;
import org.nimbusmedia.rtmp.message.SetPeerBandwidth;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.message.WindowAcknowledgementSize;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's end of the pipeline: sends {@code connect} once the handshake is done, matches
 * {@code _result} and {@code _error} to transactions, answers the server's calls and PingRequests,
 * and routes status, media and data to the streams. Every method runs on the channel's event loop;
 * the state here is confined to it.
 *
 * <p>Acknowledgements (RTMP 1.0 section 5.4.3) are sent by the chunk decoder, which tracks the
 * window the server set.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

  /** Flash Player's chunk size, the protocol default (section 5.4.1). */
  private static final int DEFAULT_CHUNK_SIZE = 128;

  /** A command waiting for its {@code _result} or {@code _error}. */
  private record Pending(String what, CompletableFuture<Command> reply) {}

  private final RtmpClient client;
  private final Command connect;
  private final CompletableFuture<Command> connectReply;
  private final IntObjectMap<Pending> transactions = new IntObjectHashMap<>();
  private ChannelHandlerContext ctx;
  private int nextTransactionId = 1;
  private long announcedWindow = -1;
  private boolean closed;

  /**
   * @param connect the {@code connect} command; its transaction id is replaced by 1
   * @param connectReply completes with the answer to {@code connect}
   */
  ClientHandler(RtmpClient client, Command connect, CompletableFuture<Command> connectReply) {
    this.client = client;
    this.connect = connect;
    this.connectReply = connectReply;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
      // The TLS handler closes the channel next: the failed connect names the TLS error.
      client.closeReason(tls.cause());
    }
    if (evt instanceof HandshakeCompleted) {
      int chunkSize = client.config().outboundChunkSize();
      if (chunkSize != DEFAULT_CHUNK_SIZE) {
        write(new SetChunkSize(chunkSize), connectReply);
      }
      call(connect, "connect to " + client.url().tcUrl(), connectReply);
    }
    super.userEventTriggered(context, evt);
  }

  /** Sends a command with the next transaction id; {@code reply} gets the answer. */
  void call(Command command, String what, CompletableFuture<Command> reply) {
    if (closed) {
      reply.completeExceptionally(client.closedException());
      return;
    }
    int transactionId = nextTransactionId++;
    transactions.put(transactionId, new Pending(what, reply));
    Command numbered =
        new Command(
            command.streamId(),
            command.name(),
            transactionId,
            command.commandObject(),
            command.arguments(),
            command.encoding());
    ctx.writeAndFlush(numbered)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                transactions.remove(transactionId);
                reply.completeExceptionally(f.cause());
              }
            });
  }

  /** Writes a message; {@code onFailure} fails if the write does. */
  void write(Object message, CompletableFuture<?> onFailure) {
    if (closed) {
      ReferenceCountUtil.release(message);
      onFailure.completeExceptionally(client.closedException());
      return;
    }
    ctx.writeAndFlush(message)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                onFailure.completeExceptionally(f.cause());
              }
            });
  }

  /** Writes a message; {@code done} completes when it is written or fails with the write. */
  void send(Object message, CompletableFuture<Void> done) {
    if (closed) {
      ReferenceCountUtil.release(message);
      done.completeExceptionally(client.closedException());
      return;
    }
    ctx.writeAndFlush(message)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                done.complete(null);
              } else {
                done.completeExceptionally(f.cause());
              }
            });
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    try {
      if (msg instanceof Command command) {
        onCommand(command);
      } else if (msg instanceof MediaMessage media) {
        ClientStream stream = client.stream(media.streamId());
        if (stream != null) {
          stream.onMedia(media);
        }
      } else if (msg instanceof DataMessage data) {
        ClientStream stream = client.stream(data.streamId());
        if (stream != null) {
          stream.onData(data);
        }
      } else if (msg instanceof UserControlEvent event) {
        onUserControl(event);
      } else if (msg instanceof SetPeerBandwidth bandwidth) {
        onPeerBandwidth(bandwidth);
      } else if (msg instanceof SharedObjectMessage so) {
        client.onSharedObject(so);
      }
      // Other control messages concern the chunk layer, which has acted on them.
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onCommand(Command command) {
    client.recordCommand(command);
    switch (command.name()) {
      case "_result", "_error" -> onAnswer(command);
      case "onStatus" -> {
        StatusEvent status =
            new StatusEvent(command.streamId(), Infos.firstInfo(command.arguments()));
        client.recordStatus(status);
        ClientStream stream = client.stream(command.streamId());
        if (stream != null) {
          stream.onStatus(status);
        }
      }
      default -> {
        if (command.streamId() == 0) {
          answerCall(command);
        }
      }
    }
  }

  private void onAnswer(Command answer) {
    Pending pending = transactions.remove((int) answer.transactionId());
    if (pending == null) {
      LOG.debug("{} for unknown transaction {}", answer.name(), answer.transactionId());
      return;
    }
    if (answer.name().equals("_result")) {
      pending.reply.complete(answer);
    } else {
      pending.reply.completeExceptionally(
          new RtmpStatusException(pending.what, Infos.firstInfo(answer.arguments())));
    }
  }

  /**
   * Runs the handler registered for a server-to-client call. A call with a transaction id above 0
   * gets {@code _result} with the handler's return value, or {@code _error} with {@code
   * NetConnection.Call.Failed} when there is no handler or it throws, as Flash Player answers.
   */
  private void answerCall(Command call) {
    Function<List<Object>, Object> handler = client.callHandler(call.name());
    Object result = null;
    String failure = null;
    if (handler == null) {
      failure = "Method not found (" + call.name() + ").";
    } else {
      try {
        result = handler.apply(call.arguments());
      } catch (RuntimeException e) {
        LOG.debug("handler of server call {} failed", call.name(), e);
        failure = String.valueOf(e.getMessage());
      }
    }
    if (call.transactionId() <= 0) {
      return;
    }
    List<Object> arguments = new ArrayList<>(1);
    arguments.add(failure == null ? result : Infos.error("NetConnection.Call.Failed", failure));
    Command answer =
        new Command(
            0,
            failure == null ? "_result" : "_error",
            call.transactionId(),
            null,
            arguments,
            call.encoding());
    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  /** PingRequest gets a PingResponse with the same timestamp (section 7.1.7). */
  private void onUserControl(UserControlEvent event) {
    if (event instanceof UserControlEvent.PingRequest ping) {
      ctx.writeAndFlush(new UserControlEvent.PingResponse(ping.timestamp()))
          .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
      return;
    }
    int streamId = streamIdOf(event);
    ClientStream stream = streamId < 0 ? null : client.stream(streamId);
    if (stream != null) {
      stream.onUserControl(event);
    }
  }

  private static int streamIdOf(UserControlEvent event) {
    if (event instanceof UserControlEvent.StreamBegin e) {
      return e.streamId();
    } else if (event instanceof UserControlEvent.StreamEof e) {
      return e.streamId();
    } else if (event instanceof UserControlEvent.StreamDry e) {
      return e.streamId();
    } else if (event instanceof UserControlEvent.StreamIsRecorded e) {
      return e.streamId();
    } else if (event instanceof UserControlEvent.BufferEmpty e) {
      return e.streamId();
    } else if (event instanceof UserControlEvent.BufferReady e) {
      return e.streamId();
    }
    return -1;
  }

  /**
   * Section 5.4.5: the receiver of Set Peer Bandwidth answers with Window Acknowledgement Size when
   * the window differs from the one it last sent, as Flash Player does.
   */
  private void onPeerBandwidth(SetPeerBandwidth bandwidth) {
    if (bandwidth.windowSize() != announcedWindow) {
      announcedWindow = bandwidth.windowSize();
      ctx.writeAndFlush(new WindowAcknowledgementSize(announcedWindow))
          .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }
  }

  /** Fails {@code connect} and every pending transaction; the connection has closed. */
  void closed(Throwable cause) {
    closed = true;
    connectReply.completeExceptionally(cause);
    List<Pending> pending = new ArrayList<>(transactions.values());
    transactions.clear();
    pending.forEach(p -> p.reply.completeExceptionally(cause));
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.info(
        "RTMP connection to {} closed: {}", context.channel().remoteAddress(), cause.toString());
    client.closeReason(cause);
    context.close();
  }

  /** An argument list that may hold nulls. */
  static List<Object> arguments(Object... values) {
    List<Object> list = new ArrayList<>(values.length);
    Collections.addAll(list, values);
    return list;
  }
}
