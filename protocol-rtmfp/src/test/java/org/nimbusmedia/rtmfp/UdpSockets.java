package org.nimbusmedia.rtmfp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/** Plain UDP sockets for test relays: each datagram is copied out and handed on with its sender. */
public final class UdpSockets {
  private UdpSockets() {}

  /** Binds a socket that passes every datagram, as bytes, to the receiver on its event loop. */
  public static Channel bind(
      EventLoopGroup group,
      InetSocketAddress local,
      BiConsumer<byte[], InetSocketAddress> receiver) {
    return new Bootstrap()
        .group(group)
        .channel(NioDatagramChannel.class)
        .handler(
            new SimpleChannelInboundHandler<DatagramPacket>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                receiver.accept(ByteBufUtil.getBytes(p.content()), p.sender());
              }
            })
        .bind(local)
        .syncUninterruptibly()
        .channel();
  }
}
