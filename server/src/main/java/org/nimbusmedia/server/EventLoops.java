package org.nimbusmedia.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of one server: one thread accepts connections, a pool does all I/O. Their
 * threads are named {@code nimbus-accept-*} and {@code nimbus-io-*} so that a leak shows in a
 * thread dump (and in the lifecycle test).
 *
 * <p>On Linux the loops use Netty's native epoll transport when its library loads: its socket
 * writes (one {@code writev} per flush, no selector bookkeeping) cost about a third less CPU per
 * player than NIO's (see bench/README.md). Elsewhere, or with {@code -Dio.netty.transport.noNative=
 * true}, they use NIO. Every channel on these loops must be of the matching kind ({@link
 * #serverChannel()}; the RTMFP endpoint picks its datagram channel from the group).
 */
final class EventLoops {
  private final boolean epoll;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;

  EventLoops(int ioThreads) {
    this.epoll = Epoll.isAvailable();
    DefaultThreadFactory acceptThreads = new DefaultThreadFactory("nimbus-accept", true);
    DefaultThreadFactory ioThreadFactory = new DefaultThreadFactory("nimbus-io", true);
    this.acceptors =
        epoll ? new EpollEventLoopGroup(1, acceptThreads) : new NioEventLoopGroup(1, acceptThreads);
    this.workers =
        epoll
            ? new EpollEventLoopGroup(ioThreads, ioThreadFactory)
            : new NioEventLoopGroup(ioThreads, ioThreadFactory);
  }

  /** {@code "epoll"} or {@code "nio"}, for the start-up log. */
  String transport() {
    return epoll ? "epoll" : "nio";
  }

  /** The listening TCP channel class for these loops. */
  Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  EventLoopGroup acceptors() {
    return acceptors;
  }

  EventLoopGroup workers() {
    return workers;
  }

  /** Stops both groups and waits at most {@code timeout} for their threads to end. */
  void shutdown(Duration timeout) {
    Future<?> accepting =
        acceptors.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    Future<?> working = workers.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    accepting.awaitUninterruptibly(timeout.toMillis() + 1000);
    working.awaitUninterruptibly(timeout.toMillis() + 1000);
  }
}
