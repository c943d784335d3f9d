package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.server.metrics.ProtocolMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a connection whose client does not read what the server sends. A player that falls behind
 * loses frames by its {@link org.nimbusmedia.server.stream.SubscriberQueue}'s policy, but a client
 * that stops reading altogether would keep its queues, its socket buffers and everything that is
 * not gated by writability (commands, shared object updates) forever. Two limits, whichever comes
 * first: the socket stays unwritable (above the high water mark, never back under the low one) for
 * {@code maxStall}, or more than {@code maxBytes} wait to be sent. A connection unwritable because
 * of its bandwidth limit's traffic shaper, with the socket itself drained, is not stalled. The
 * connection is reset rather than closed gracefully: a graceful close would leave the kernel
 * holding the unsent bytes for a peer that does not read them. One log line with the peer's
 * address, and the protocol's {@code nimbus.connections.dropped} counter.
 *
 * <p>One per connection, first of the RTMP handlers (after TLS for RTMPS), so it sees every write;
 * runs on the connection's event loop.
 */
final class SlowReaderGuard extends ChannelDuplexHandler {
  /** Name of this handler in the pipeline. */
  static final String NAME = "slow-reader";

  private static final Logger log = LoggerFactory.getLogger(SlowReaderGuard.class);

  private final long maxBytes;
  private final Duration maxStall;
  private final ProtocolMeters meters;
  private ScheduledFuture<?> stallCheck;
  private boolean dropped;

  SlowReaderGuard(long maxBytes, Duration maxStall, ProtocolMeters meters) {
    this.maxBytes = maxBytes;
    this.maxStall = maxStall;
    this.meters = meters;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
    if (pending != null && pending.totalPendingWriteBytes() > maxBytes) {
      drop(ctx, "more than " + maxBytes + " bytes wait to be sent");
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      cancelStallCheck();
    } else if (stallCheck == null && !dropped) {
      scheduleStallCheck(ctx);
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void checkStall(ChannelHandlerContext ctx) {
    stallCheck = null;
    if (ctx.channel().isWritable()) {
      return;
    }
    ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
    if (pending != null
        && pending.totalPendingWriteBytes() > ctx.channel().config().getWriteBufferLowWaterMark()) {
      drop(ctx, "its socket stayed full for " + maxStall.toMillis() + " ms");
    } else {
      // Unwritable with the socket drained: a bandwidth limit's shaper (BandwidthLimits) holds the
      // data back, which is the server's doing, not the client's. Look again later.
      scheduleStallCheck(ctx);
    }
  }

  private void scheduleStallCheck(ChannelHandlerContext ctx) {
    stallCheck =
        ctx.executor().schedule(() -> checkStall(ctx), maxStall.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelStallCheck();
    ctx.fireChannelInactive();
  }

  private void cancelStallCheck() {
    if (stallCheck != null) {
      stallCheck.cancel(false);
      stallCheck = null;
    }
  }

  private void drop(ChannelHandlerContext ctx, String why) {
    if (dropped) {
      return;
    }
    dropped = true;
    cancelStallCheck();
    log.warn("Dropping slow client {}: {}", PeerAddress.of(ctx.channel()), why);
    meters.slowReaderDropped();
    if (ctx.channel() instanceof SocketChannel) {
      // SO_LINGER 0: close() resets the connection and frees the unsent bytes at once.
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
    }
    ctx.close();
  }
}
