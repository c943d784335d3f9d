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
import org.nimbusmedia.rtmfp.session.RtmfpTransport;

/**
 * The Netty event loops of one server: one thread accepts connections, a pool does all I/O, and one
 * thread serves the RTMFP socket. Their threads are named {@code nimbus-accept-*}, {@code
 * nimbus-io-*} and {@code nimbus-udp-*} so that a leak shows in a thread dump (and in the lifecycle
 * test).
 *
 * <p>On Linux the loops use Netty's native epoll transport when its library loads: fewer system
 * calls and no selector bookkeeping per write. Elsewhere, or with {@code
 * -Dio.netty.transport.noNative=true}, they use NIO. Every channel on a loop must be of the
 * matching kind ({@link #serverChannel()}; the RTMFP endpoint picks its datagram channel from its
 * group).
 */
final class EventLoops {
  private final boolean epoll;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private EventLoopGroup datagrams;

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

  /**
   * The loop of the RTMFP UDP socket: Netty's native epoll transport on Linux when its library
   * loads, NIO otherwise ({@link RtmfpTransport#newGroup}). One thread, as there is one socket; the
   * sessions' application work runs on {@link #workers}. Made on first use, so a server without
   * RTMFP has no such thread.
   */
  synchronized EventLoopGroup datagrams() {
    if (datagrams == null) {
      datagrams = RtmfpTransport.newGroup(1, new DefaultThreadFactory("nimbus-udp", true));
    }
    return datagrams;
  }

  /** Stops both groups and waits at most {@code timeout} for their threads to end. */
  void shutdown(Duration timeout) {
    Future<?> accepting =
        acceptors.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    Future<?> working = workers.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    EventLoopGroup udp;
    synchronized (this) {
      udp = datagrams;
    }
    if (udp != null) {
      udp.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
          .awaitUninterruptibly(timeout.toMillis() + 1000);
    }
    accepting.awaitUninterruptibly(timeout.toMillis() + 1000);
    working.awaitUninterruptibly(timeout.toMillis() + 1000);
  }
}
