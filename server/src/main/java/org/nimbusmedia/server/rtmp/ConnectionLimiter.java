package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every accepted connection: refuses a connection beyond the total or per-address
 * limit by closing it at once, with one log line. Shared by all connections of a front end.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  ConnectionLimiter(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = addressOf(ctx);
    int total = open.incrementAndGet();
    int fromAddress =
        perAddress.computeIfAbsent(address, key -> new AtomicInteger()).incrementAndGet();
    ctx.channel().closeFuture().addListener(closed -> release(address));
    if (total > maxConnections || fromAddress > maxPerAddress) {
      refused.incrementAndGet();
      log.warn(
          "Refusing connection from {}: {} (limits.maxConnections {}, limits.maxConnectionsPerIp {})",
          ctx.channel().remoteAddress(),
          total > maxConnections ? "server full" : "too many connections from this address",
          maxConnections,
          maxPerAddress);
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  private void release(InetAddress address) {
    open.decrementAndGet();
    perAddress.computeIfPresent(
        address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
  }

  int openConnections() {
    return open.get();
  }

  int refusedConnections() {
    return refused.get();
  }

  private static InetAddress addressOf(ChannelHandlerContext ctx) {
    return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
  }
}
