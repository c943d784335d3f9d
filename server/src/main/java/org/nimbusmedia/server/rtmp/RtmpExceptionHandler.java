package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every RTMP pipeline: whatever went wrong on a connection closes that
 * connection, with one log line naming the peer and the reason. Malformed input is an expected,
 * bounded path (a warning without a stack trace); a bug in our code logs its stack trace.
 */
@ChannelHandler.Sharable
final class RtmpExceptionHandler extends ChannelInboundHandlerAdapter {
  static final RtmpExceptionHandler INSTANCE = new RtmpExceptionHandler();
  private static final Logger log = LoggerFactory.getLogger(RtmpExceptionHandler.class);

  private RtmpExceptionHandler() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException) {
      Throwable reason =
          cause.getCause() != null && cause.getMessage() == null ? cause.getCause() : cause;
      log.warn(
          "Closing connection from {}: malformed input: {}",
          ctx.channel().remoteAddress(),
          reason.getMessage());
    } else if (cause instanceof IOException) {
      log.debug("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.error("Closing connection from {}: internal error", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
