package org.nimbusmedia.server.rtmfp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.config.CirrusConfig;
import org.nimbusmedia.server.rtmp.RtmfpPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cirrus mode of one RTMFP connection, in front of the application path. A {@code connect} to a
 * name that is an application passes through untouched. Any other name is a developer key: one not
 * in the configured list (when there is a list) gets {@code NetConnection.Connect.Rejected}; an
 * accepted one either goes to the relay application, in an instance named after the key, or, with
 * no relay, is answered here and the connection stays rendezvous-only, as on Cirrus: peer ID,
 * {@code setPeerInfo} and introductions, but no calls, shared objects, publishing or playing.
 */
final class CirrusGate extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CirrusGate.class);

  /** What the connection turned out to be. */
  private enum Mode {
    /** {@code connect} has not come yet. */
    UNDECIDED,
    /** An application's client, or a developer key relayed through the relay application. */
    PASS_THROUGH,
    /** A developer key with no relay: answered here. */
    RENDEZVOUS
  }

  private final CirrusConfig config;
  private final Predicate<String> isApplication;
  private Mode mode = Mode.UNDECIDED;
  private int nextStreamId = 1;

  /**
   * @param isApplication whether a name is an application folder
   */
  CirrusGate(CirrusConfig config, Predicate<String> isApplication) {
    this.config = config;
    this.isApplication = isApplication;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (mode) {
      case PASS_THROUGH -> ctx.fireChannelRead(msg);
      case UNDECIDED -> {
        if (msg instanceof Command command && command.name().equals("connect")) {
          connect(ctx, command);
        } else {
          ctx.fireChannelRead(msg); // the connection handler refuses anything before connect
        }
      }
      case RENDEZVOUS -> {
        try {
          if (msg instanceof Command command) {
            rendezvousCommand(ctx, command);
          }
          // Shared objects, media and data: Cirrus had none of them.
        } finally {
          ReferenceCountUtil.release(msg);
        }
      }
    }
  }

  private void connect(ChannelHandlerContext ctx, Command connect) {
    Map<?, ?> properties = connect.commandObject() instanceof Map<?, ?> map ? map : Map.of();
    Optional<AppAddress> address =
        AppAddress.parse(properties.get("app") instanceof String app ? app : null);
    if (address.isEmpty() || isApplication.test(address.get().application())) {
      mode = Mode.PASS_THROUGH;
      ctx.fireChannelRead(connect);
      return;
    }
    String key = address.get().application();
    if (!config.developerKeys().isEmpty() && !config.developerKeys().contains(key)) {
      log.info("{}: refused developer key {}", ctx.channel().remoteAddress(), key);
      ctx.writeAndFlush(
              answer(
                  connect,
                  "_error",
                  null,
                  info("error", "NetConnection.Connect.Rejected", "Invalid developer key.")))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!config.relayApplication().isEmpty()) {
      mode = Mode.PASS_THROUGH;
      AmfObject relayed = new AmfObject();
      properties.forEach((name, value) -> relayed.put(String.valueOf(name), value));
      relayed.put("app", config.relayApplication() + "/" + key);
      ctx.fireChannelRead(
          new Command(
              connect.streamId(),
              connect.name(),
              connect.transactionId(),
              relayed,
              connect.arguments(),
              connect.encoding()));
      return;
    }
    mode = Mode.RENDEZVOUS;
    RtmfpPeer peer = RtmfpPeer.of(ctx.channel());
    AmfObject success = info("status", "NetConnection.Connect.Success", "Connection succeeded.");
    success.put("objectEncoding", properties.get("objectEncoding") instanceof Number n ? n : 0.0);
    success.put("serverFingerprint", peer.nearId());
    success.put("connectionID", peer.farId());
    ctx.writeAndFlush(
        answer(connect, "_result", AmfObject.of("fmsVer", "FMS/4,5,0,297", "mode", 1.0), success));
    peer.accepted();
    log.info("{} connected in rendezvous-only mode (developer key {})", peer, key);
  }

  private void rendezvousCommand(ChannelHandlerContext ctx, Command command) {
    switch (command.name()) {
      case "setPeerInfo" ->
          RtmfpPeer.of(ctx.channel())
              .peerInfo(
                  command.arguments().stream()
                      .filter(String.class::isInstance)
                      .map(String.class::cast)
                      .toList());
      case "createStream" ->
          // Answered whatever the transaction id: librtmfp asks with id 0 and waits.
          ctx.writeAndFlush(answer(command, "_result", null, (double) nextStreamId++));
      case "publish" ->
          ctx.writeAndFlush(
              onStatus(
                  command,
                  info("error", "NetStream.Publish.BadName", "This service relays no media.")));
      case "play" ->
          ctx.writeAndFlush(
              onStatus(
                  command,
                  info("error", "NetStream.Play.Failed", "This service relays no media.")));
      case "_result", "_error", "deleteStream", "closeStream" -> {}
      default -> {
        if (command.transactionId() != 0) {
          ctx.writeAndFlush(
              answer(
                  command,
                  "_error",
                  null,
                  info(
                      "error",
                      "NetConnection.Call.Failed",
                      "Method not found (" + command.name() + ").")));
        }
      }
    }
  }

  private static AmfObject info(String level, String code, String description) {
    return AmfObject.of("level", level, "code", code, "description", description);
  }

  private static Command answer(Command request, String name, Object commandObject, Object value) {
    return new Command(
        request.streamId(),
        name,
        request.transactionId(),
        commandObject,
        List.of(value),
        request.encoding());
  }

  private static Command onStatus(Command request, AmfObject info) {
    return new Command(request.streamId(), "onStatus", 0, null, List.of(info), request.encoding());
  }
}
