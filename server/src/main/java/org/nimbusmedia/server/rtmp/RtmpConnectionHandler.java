package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;
import org.nimbusmedia.server.app.ApplicationInstance;

/**
 * The last RTMP handler of a connection: routes each message by kind to the session's commands and
 * streams, and tidies up when the connection closes. One per connection, never shared.
 */
final class RtmpConnectionHandler extends ChannelInboundHandlerAdapter {
  private final ConnectCommand connect;
  private final RtmpSettings settings;
  private final Supplier<String> clientIds;
  private final String protocol;
  private final RtmpObservers observers;
  private RtmpSession session;
  private RtmpSharedObjects sharedObjects;

  /** Commands that arrived while the script was still deciding about {@code connect}. */
  private final ArrayDeque<Command> waitingForConnect = new ArrayDeque<>();

  /** Commands a client may send before its connect is decided; FMS queues them too. */
  static final int MAX_COMMANDS_BEFORE_CONNECTED = 64;

  RtmpConnectionHandler(
      ConnectCommand connect,
      RtmpSettings settings,
      Supplier<String> clientIds,
      String protocol,
      RtmpObservers observers) {
    this.connect = connect;
    this.observers = observers;
    this.settings = settings;
    this.clientIds = clientIds;
    this.protocol = protocol;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    session = new RtmpSession(ctx.channel(), clientIds.get(), protocol, settings, observers);
    ctx.channel().attr(RtmpSession.KEY).set(session);
    sharedObjects = new RtmpSharedObjects(session);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      session.countIn();
      if (msg instanceof Command command) {
        onCommand(command);
      } else if (session.state() != RtmpSession.State.CONNECTED) {
        return;
      } else if (msg instanceof MediaMessage media) {
        RtmpNetStream stream = session.stream(media.streamId());
        if (stream != null) {
          stream.onMedia(media);
        }
      } else if (msg instanceof DataMessage data) {
        RtmpNetStream stream = session.stream(data.streamId());
        if (stream != null) {
          stream.onData(data);
        }
      } else if (msg instanceof SharedObjectMessage so) {
        sharedObjects.handle(so);
      } else if (msg instanceof UserControlEvent.PingResponse) {
        session.pingAnswered();
      } else if (msg instanceof UserControlEvent.PingRequest ping) {
        ctx.writeAndFlush(new UserControlEvent.PingResponse(ping.timestamp()));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onCommand(Command command) {
    switch (session.state()) {
      case AWAITING_CONNECT -> {
        if (!"connect".equals(command.name())) {
          throw new RtmpProtocolException(
              "'" + command.name() + "' before connect: the first command must be connect");
        }
        connect.handle(session, command, this::replayWaitingCommands);
      }
      case CONNECTING -> {
        if (waitingForConnect.size() >= MAX_COMMANDS_BEFORE_CONNECTED) {
          throw new RtmpProtocolException(
              "more than "
                  + MAX_COMMANDS_BEFORE_CONNECTED
                  + " commands before connect was decided");
        }
        waitingForConnect.add(command);
      }
      case CONNECTED -> dispatch(command);
      case CLOSED -> {}
    }
  }

  private void dispatch(Command command) {
    if (command.name().equals("_result") || command.name().equals("_error")) {
      session.answerReceived(command);
    } else if (command.streamId() != 0) {
      if (!NetStreamCommands.handle(session, command)) {
        RemoteCalls.invoke(session, command);
      }
    } else if (!NetConnectionCommands.handleProtocol(session, command)) {
      RemoteCalls.invoke(session, command);
    }
  }

  private void replayWaitingCommands() {
    Command command;
    while (session.state() == RtmpSession.State.CONNECTED
        && (command = waitingForConnect.poll()) != null) {
      dispatch(command);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      for (RtmpNetStream stream : session.streams()) {
        stream.writable();
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.closeAllStreams();
    session.failPendingCalls();
    waitingForConnect.clear();
    sharedObjects.releaseAll();
    ApplicationInstance instance = session.instance();
    if (instance != null) {
      instance.script().disconnect(session.handle());
      instance.leave(session);
    }
    if (session.state() == RtmpSession.State.CONNECTED) {
      observers.accessLog().disconnect(session.loggedClient());
    }
    if (session.state() != RtmpSession.State.CLOSED) {
      session.moveTo(RtmpSession.State.CLOSED);
    }
    ctx.fireChannelInactive();
  }
}
