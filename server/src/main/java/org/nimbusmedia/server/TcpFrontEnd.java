package org.nimbusmedia.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;

/**
 * A TCP listener whose accepted connections get the pipeline of {@code initializer} (a {@code
 * ChannelInitializer} for the accepted channels).
 */
final class TcpFrontEnd implements FrontEnd {
  private final String protocol;
  private final InetSocketAddress address;
  private final EventLoops loops;
  private final ChannelHandler initializer;
  private Channel listener;

  TcpFrontEnd(
      String protocol, InetSocketAddress address, EventLoops loops, ChannelHandler initializer) {
    this.protocol = protocol;
    this.address = address;
    this.loops = loops;
    this.initializer = initializer;
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public void start() throws Exception {
    listener =
        new ServerBootstrap()
            .group(loops.acceptors(), loops.workers())
            .channel(loops.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer)
            .bind(address)
            .sync()
            .channel();
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) listener.localAddress();
  }

  @Override
  public void stop() {
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
  }
}
