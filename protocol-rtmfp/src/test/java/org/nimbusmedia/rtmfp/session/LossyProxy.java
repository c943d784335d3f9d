package org.nimbusmedia.rtmfp.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmfp.UdpSockets;

/**
 * A UDP relay between one client and one server that drops, duplicates, reorders and delays
 * datagrams with a seeded random source: the loss harness for flow tests.
 */
final class LossyProxy {
  private final InetSocketAddress server;
  private final Random random;
  private final double drop;
  private final double duplicate;
  private final double reorder;
  private final int maxDelayMs;
  private final Channel channel;
  private InetSocketAddress client;
  private byte[] held;
  private InetSocketAddress heldTo;
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong forwarded = new AtomicLong();

  LossyProxy(
      EventLoopGroup group,
      InetSocketAddress server,
      long seed,
      double drop,
      double duplicate,
      double reorder,
      int maxDelayMs) {
    this.server = server;
    this.random = new Random(seed);
    this.drop = drop;
    this.duplicate = duplicate;
    this.reorder = reorder;
    this.maxDelayMs = maxDelayMs;
    this.channel = UdpSockets.bind(group, new InetSocketAddress("127.0.0.1", 0), this::relay);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  private void relay(byte[] datagram, InetSocketAddress sender) {
    InetSocketAddress to;
    if (sender.equals(server)) {
      to = client;
    } else {
      client = sender;
      to = server;
    }
    if (to == null) {
      return;
    }
    if (random.nextDouble() < drop) {
      dropped.incrementAndGet();
      return;
    }
    if (held == null && random.nextDouble() < reorder) {
      held = datagram;
      heldTo = to;
      channel.eventLoop().schedule(this::releaseHeld, 30, TimeUnit.MILLISECONDS);
      return;
    }
    emit(datagram, to);
    if (random.nextDouble() < duplicate) {
      emit(datagram, to);
    }
    releaseHeld();
  }

  private void releaseHeld() {
    if (held != null) {
      byte[] d = held;
      held = null;
      emit(d, heldTo);
    }
  }

  private void emit(byte[] datagram, InetSocketAddress to) {
    forwarded.incrementAndGet();
    int delay = maxDelayMs == 0 ? 0 : random.nextInt(maxDelayMs + 1);
    Runnable send =
        () -> channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
    if (delay == 0) {
      send.run();
    } else {
      channel.eventLoop().schedule(send, delay, TimeUnit.MILLISECONDS);
    }
  }

  void close() {
    channel.close().syncUninterruptibly();
  }
}
