package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.nimbusmedia.rtmp.handshake.HandshakeCompleted;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every accepted connection: refuses a connection beyond the total, per-address or
 * pending-handshake limit by closing it at once, with one log line and a count in the protocol's
 * {@code nimbus_connects_total{result="rejected",reason="limit"}}. Shared by all connections of
 * every front end, so the limits count all protocols together. A connection counts as pending from
 * accept until its handshake completes; an RTMFP session arrives with its handshake done ({@link
 * #forEstablishedSessions}).
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

  private final int maxConnections;
  private final int maxPerAddress;
  private final int maxPendingHandshakes;
  private final AtomicInteger pendingHandshakes = new AtomicInteger();
  private static final AttributeKey<AtomicBoolean> PENDING =
      AttributeKey.valueOf("nimbus.handshake.pending");
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  private final NimbusMetrics metrics;

  /** The protocol a channel speaks, for the refusal count; set before the limiter sees it. */
  static final AttributeKey<String> PROTOCOL = AttributeKey.valueOf("nimbus.protocol");

  ConnectionLimiter(
      int maxConnections, int maxPerAddress, int maxPendingHandshakes, NimbusMetrics metrics) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
    this.maxPendingHandshakes = maxPendingHandshakes;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    admit(ctx, true);
  }

  /**
   * The limiter for a transport whose sessions open with their handshake already done (RTMFP's
   * four-way handshake runs in the front end before a session has a channel): counted against the
   * total and per-address limits, never as a pending handshake.
   */
  ChannelHandler forEstablishedSessions() {
    return establishedSessions;
  }

  private final ChannelHandler establishedSessions = new EstablishedSessions();

  @ChannelHandler.Sharable
  private final class EstablishedSessions extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      admit(ctx, false);
    }
  }

  private void admit(ChannelHandlerContext ctx, boolean inHandshake) {
    InetAddress address = addressOf(ctx);
    int total = open.incrementAndGet();
    int fromAddress =
        perAddress.computeIfAbsent(address, key -> new AtomicInteger()).incrementAndGet();
    AtomicBoolean pending = new AtomicBoolean(inHandshake);
    ctx.channel().attr(PENDING).set(pending);
    int handshaking = inHandshake ? pendingHandshakes.incrementAndGet() : 0;
    ctx.channel()
        .closeFuture()
        .addListener(
            closed -> {
              release(address);
              handshakeDone(pending);
            });
    String refusal = null;
    if (total > maxConnections) {
      refusal = "server full (limits.maxConnections " + maxConnections + ")";
    } else if (fromAddress > maxPerAddress) {
      refusal =
          "too many connections from this address (limits.maxConnectionsPerIp "
              + maxPerAddress
              + ")";
    } else if (handshaking > maxPendingHandshakes) {
      refusal =
          "too many handshakes in progress (limits.maxPendingHandshakes "
              + maxPendingHandshakes
              + ")";
    }
    if (refusal != null) {
      refused.incrementAndGet();
      String protocol = ctx.channel().attr(PROTOCOL).get();
      metrics.protocol(protocol == null ? "rtmp" : protocol).connectRejected("limit");
      log.warn("Refusing connection from {}: {}", PeerAddress.of(ctx.channel()), refusal);
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  /**
   * The handler to place after the handshake: the handshake's completion event travels toward the
   * tail of the pipeline, away from this limiter at the head.
   */
  ChannelHandler handshakeWatcher() {
    return handshakeWatcher;
  }

  private final ChannelHandler handshakeWatcher = new HandshakeWatcher();

  @ChannelHandler.Sharable
  private final class HandshakeWatcher extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof HandshakeCompleted) {
        handshakeDone(ctx.channel().attr(PENDING).get());
      }
      ctx.fireUserEventTriggered(event);
    }
  }

  private void handshakeDone(AtomicBoolean pending) {
    if (pending != null && pending.compareAndSet(true, false)) {
      pendingHandshakes.decrementAndGet();
    }
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
    InetSocketAddress peer = PeerAddress.of(ctx.channel());
    return peer.isUnresolved() ? InetAddress.getLoopbackAddress() : peer.getAddress();
  }
}
