package org.nimbusmedia.server;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.RtmfpStats;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.config.NimbusConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Nimbus server: its event loops, its front ends and everything they feed. Start it once and
 * stop it once; a stopped server cannot be started again (make a new one, as the lifecycle test
 * does).
 */
public final class NimbusServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NimbusServer.class);

  /** Lifecycle. {@link #STOPPED} is terminal; {@link #transition} is the only way to move. */
  public enum State {
    NEW,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED;

    boolean canMoveTo(State next) {
      return switch (this) {
        case NEW -> next == STARTING || next == STOPPED;
        case STARTING -> next == RUNNING || next == STOPPING;
        case RUNNING -> next == STOPPING;
        case STOPPING -> next == STOPPED;
        case STOPPED -> false;
      };
    }
  }

  private final NimbusConfig config;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final ChannelGroup clients =
      new DefaultChannelGroup("nimbus-clients", GlobalEventExecutor.INSTANCE);
  private final List<FrontEnd> running = new ArrayList<>();
  private final ServerComponents components;
  private EventLoops loops;

  public NimbusServer(NimbusConfig config) {
    this.config = config;
    this.components = new ServerComponents(config, clients, () -> state.get() == State.RUNNING);
  }

  public State state() {
    return state.get();
  }

  /**
   * Binds every enabled front end. When one cannot be bound, those already bound are closed again
   * and the exception is thrown: a server runs with all its listeners or not at all.
   */
  public void start() throws Exception {
    transition(State.NEW, State.STARTING);
    loops = new EventLoops(Math.max(2, Runtime.getRuntime().availableProcessors()));
    log.info("Network transport: {}", loops.transport());
    try {
      components.start();
      for (FrontEnd frontEnd : components.frontEnds(loops)) {
        frontEnd.start();
        running.add(frontEnd);
        InetSocketAddress address = frontEnd.localAddress();
        log.info(
            "Listening: {} on {}:{}",
            frontEnd.protocol(),
            address.getAddress().getHostAddress(),
            address.getPort());
      }
      transition(State.STARTING, State.RUNNING);
      components.accessLog().serverStart(ServerComponents.VERSION);
    } catch (Exception | Error e) {
      transition(State.STARTING, State.STOPPING);
      release();
      throw e;
    }
  }

  /** The applications directory and the instances loaded from it (for the admin API and tests). */
  public ApplicationRegistry applications() {
    return components.applications();
  }

  /** The RTMFP front end's counters (datagram bytes, introductions), when it runs. */
  public Optional<RtmfpStats> rtmfpStats() {
    return rtmfpEndpoint().map(RtmfpEndpoint::stats);
  }

  /** Whether the RTMFP socket runs on Netty's native epoll transport, when RTMFP runs. */
  public Optional<Boolean> rtmfpNativeTransport() {
    return rtmfpEndpoint().map(RtmfpEndpoint::nativeTransport);
  }

  private Optional<RtmfpEndpoint> rtmfpEndpoint() {
    return running.stream()
        .filter(RtmfpFrontEnd.class::isInstance)
        .map(frontEnd -> ((RtmfpFrontEnd) frontEnd).endpoint())
        .findFirst();
  }

  /** The address a front end is bound to, with the real port when the configured port was 0. */
  public Optional<InetSocketAddress> address(String protocol) {
    return running.stream()
        .filter(frontEnd -> frontEnd.protocol().equals(protocol))
        .map(FrontEnd::localAddress)
        .findFirst();
  }

  /**
   * Stops accepting, closes every client connection, flushes what must outlive the process and ends
   * the server's threads. Safe to call more than once and from any thread.
   */
  public void stop() {
    State current = state.get();
    if (current == State.NEW && state.compareAndSet(State.NEW, State.STOPPED)) {
      return;
    }
    if (current != State.RUNNING || !state.compareAndSet(State.RUNNING, State.STOPPING)) {
      return;
    }
    log.info("Stopping: closing listeners and {} client connection(s)", clients.size());
    release();
    components.accessLog().serverStop(ServerComponents.VERSION);
  }

  private void release() {
    for (FrontEnd frontEnd : running) {
      frontEnd.stop();
    }
    running.clear();
    components.shutdownApplications();
    clients.close().awaitUninterruptibly(config.server().shutdownTimeout().toMillis());
    components.stop();
    if (loops != null) {
      loops.shutdown(config.server().shutdownTimeout());
    }
    state.set(State.STOPPED);
    log.info("Stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private void transition(State from, State to) {
    if (!from.canMoveTo(to) || !state.compareAndSet(from, to)) {
      throw new IllegalStateException("server is " + state.get() + ", cannot move to " + to);
    }
  }
}
