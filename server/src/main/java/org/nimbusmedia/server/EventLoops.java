package org.nimbusmedia.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of one server: one thread accepts connections, a pool does all I/O. Their
 * threads are named {@code nimbus-accept-*} and {@code nimbus-io-*} so that a leak shows in a
 * thread dump (and in the lifecycle test).
 */
final class EventLoops {
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;

  EventLoops(int ioThreads) {
    this.acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("nimbus-accept", true));
    this.workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("nimbus-io", true));
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
