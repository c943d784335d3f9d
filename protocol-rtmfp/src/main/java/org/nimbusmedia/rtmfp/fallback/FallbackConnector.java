package org.nimbusmedia.rtmfp.fallback;

import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to a server over the best protocol that gets through, as the seed article's video
 * meeting sample does (Vass, "Best practices for real-time collaboration using Flash Media Server",
 * 2010, "UDP blocking"): RTMFP where UDP passes, else RTMP, else RTMPT through HTTP-only firewalls.
 * There is no way to probe whether a protocol will work; the only way is to try it and wait for
 * {@code NetConnection.Connect.Success}, so each attempt has a timeout (5 s by default rather than
 * Flash Player's 90 s). {@link Mode#SEQUENTIAL} tries one protocol after the other; {@link
 * Mode#PARALLEL} tries all at once and keeps the most preferred that succeeds, closing the others.
 *
 * <p>The returned future fails with {@link FallbackException}, naming every attempt and its
 * failure, when none connected. A server that answers {@code NetConnection.Connect.Rejected} has
 * been reached: that attempt fails like the others, since another protocol might be accepted.
 */
public final class FallbackConnector {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackConnector.class);

  private final EventLoopGroup group;
  private final FallbackConfig config;
  private final RtmpClientConfig rtmpConfig;
  private final RtmfpConfig rtmfpConfig;
  private final Clock clock;
  private final Executor blocking = ForkJoinPool.commonPool();

  /**
   * @param group the event loops the clients run on; not shut down by the connector
   * @param config the order, the mode and the attempt timeout
   * @param rtmpConfig the settings of the RTMP and RTMPT clients (its connect timeout is replaced
   *     by the attempt timeout)
   * @param rtmfpConfig the settings of the RTMFP client
   * @param clock the RTMFP client's time source
   */
  public FallbackConnector(
      EventLoopGroup group,
      FallbackConfig config,
      RtmpClientConfig rtmpConfig,
      RtmfpConfig rtmfpConfig,
      Clock clock) {
    this.group = Objects.requireNonNull(group, "group");
    this.config = Objects.requireNonNull(config, "config");
    this.rtmpConfig =
        Objects.requireNonNull(rtmpConfig, "rtmpConfig")
            .withConnectTimeout(config.attemptTimeout());
    this.rtmfpConfig = Objects.requireNonNull(rtmfpConfig, "rtmfpConfig");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Connects to {@code target}, sending {@code args} as the extra {@code connect} arguments (the
   * server script's {@code onConnect(client, p1..pN)}).
   */
  public CompletableFuture<ServerConnection> connect(FallbackTarget target, Object... args) {
    Run run = new Run(target, args.clone(), System.nanoTime());
    return config.mode() == Mode.SEQUENTIAL ? run.sequential() : run.parallel();
  }

  /** One call of {@link #connect}: its attempts and their outcomes. */
  private final class Run {
    private final FallbackTarget target;
    private final Object[] args;
    private final long started;
    private final List<Protocol> order = config.order();
    private final CompletableFuture<ServerConnection> result = new CompletableFuture<>();
    private final Outcome[] outcomes;
    private final Pending[] pending;

    Run(FallbackTarget target, Object[] args, long started) {
      this.target = target;
      this.args = args;
      this.started = started;
      this.outcomes = new Outcome[order.size()];
      this.pending = new Pending[order.size()];
    }

    CompletableFuture<ServerConnection> sequential() {
      blocking.execute(() -> startSequential(0));
      return result;
    }

    private void startSequential(int index) {
      if (index == order.size()) {
        fail();
        return;
      }
      start(index)
          .whenComplete(
              (connection, error) -> {
                if (connection != null) {
                  win(connection);
                } else {
                  // Off the event loop: the next attempt may bind a socket, which blocks.
                  blocking.execute(() -> startSequential(index + 1));
                }
              });
    }

    CompletableFuture<ServerConnection> parallel() {
      for (int i = 0; i < order.size(); i++) {
        int index = i;
        blocking.execute(
            () -> start(index).whenComplete((connection, error) -> settled(index, connection)));
      }
      return result;
    }

    /**
     * In parallel mode, after each outcome: the first attempt in preference order that has not
     * failed decides. If it succeeded it wins and everything else is closed; if it is still running
     * the run waits for it.
     */
    private synchronized void settled(int index, ServerConnection connection) {
      if (result.isDone()) {
        if (connection != null) {
          closeQuietly(connection);
        }
        return;
      }
      for (int i = 0; i < order.size(); i++) {
        Outcome outcome = outcomes[i];
        if (outcome == null) {
          return; // a more preferred protocol may still connect
        }
        if (outcome.connection() != null) {
          win(outcome.connection());
          for (int j = 0; j < order.size(); j++) {
            if (j != i) {
              if (outcomes[j] != null && outcomes[j].connection() != null) {
                closeQuietly(outcomes[j].connection());
              } else if (pending[j] != null) {
                pending[j].abandon();
              }
            }
          }
          return;
        }
      }
      fail();
    }

    private void fail() {
      List<Attempt> attempts = new ArrayList<>();
      for (Outcome outcome : outcomes) {
        if (outcome != null && outcome.failure() != null) {
          attempts.add(outcome.failure());
        }
      }
      FallbackException failure = new FallbackException(target, attempts);
      LOG.info("{}", failure.getMessage());
      result.completeExceptionally(failure);
    }

    /** Starts attempt {@code index}; its future completes with the connection or null. */
    private CompletableFuture<ServerConnection> start(int index) {
      Protocol protocol = order.get(index);
      URI uri = target.uri(protocol);
      long attemptStarted = System.nanoTime();
      Pending attempt;
      try {
        attempt = protocol == Protocol.RTMFP ? rtmfp(uri) : rtmp(protocol, uri);
      } catch (RuntimeException e) {
        attempt = Pending.failed(e);
      }
      synchronized (this) {
        pending[index] = attempt;
        if (result.isDone()) {
          attempt.abandon(); // another protocol won before this one even started
        }
      }
      Pending running = attempt;
      return attempt
          .connected()
          .orTimeout(config.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS)
          .handle(
              (connection, error) -> {
                synchronized (this) {
                  if (connection != null) {
                    outcomes[index] = new Outcome(connection, null);
                    return connection;
                  }
                  running.abandon();
                  if (result.isDone()) {
                    return null; // closed because another protocol won: not a failure
                  }
                  Duration elapsed = Duration.ofNanos(System.nanoTime() - attemptStarted);
                  Throwable cause = unwrap(error);
                  if (cause instanceof TimeoutException) {
                    cause =
                        new TimeoutException(
                            "no answer within " + config.attemptTimeout().toMillis() + " ms");
                  }
                  outcomes[index] = new Outcome(null, new Attempt(protocol, uri, elapsed, cause));
                  LOG.info("{}", outcomes[index].failure());
                  return null;
                }
              });
    }

    /** Completes the run with {@code connection}, noting how long the caller waited. */
    private void win(ServerConnection connection) {
      ((ConnectionBase) connection).won(Duration.ofNanos(System.nanoTime() - started));
      result.complete(connection);
    }

    private Pending rtmp(Protocol protocol, URI uri) {
      RtmpClient client = new RtmpClient(group, rtmpConfig);
      CompletableFuture<ServerConnection> connected =
          client
              .connect(uri, args)
              .thenApply(info -> new RtmpServerConnection(client, protocol, uri));
      return new Pending(connected, client::close);
    }

    private Pending rtmfp(URI uri) {
      InetSocketAddress server = resolve(uri.getHost(), uri.getPort());
      InetSocketAddress local =
          server.getAddress().isLoopbackAddress()
              ? new InetSocketAddress(server.getAddress(), 0)
              : new InetSocketAddress(0);
      RtmfpClient client = RtmfpClient.create(group, local, rtmfpConfig, clock);
      CompletableFuture<ServerConnection> connected =
          client
              .connect(server, uri.toString(), target.app(), args)
              .thenApply(
                  (Command answer) -> {
                    RtmfpServerConnection.resultOf("connect to " + uri, answer);
                    return new RtmfpServerConnection(client, server, uri);
                  });
      // RtmfpClient.close waits for its socket to close: never on an event loop.
      return new Pending(connected, () -> blocking.execute(client::close));
    }
  }

  /** An IP literal as is, a host name looked up (this runs off the event loops). */
  private static InetSocketAddress resolve(String host, int port) {
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (NetUtil.isValidIpV4Address(literal) || NetUtil.isValidIpV6Address(literal)) {
      return new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(literal), port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(literal), port);
    } catch (UnknownHostException e) {
      throw new CompletionException(e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void closeQuietly(ServerConnection connection) {
    try {
      connection.close();
    } catch (RuntimeException e) {
      LOG.debug("closing the losing {} failed: {}", connection, e.toString());
    }
  }

  /** What an attempt ended with: a connection, or the failure. */
  private record Outcome(ServerConnection connection, Attempt failure) {}

  /** An attempt under way and how to abandon it (close its client). */
  private record Pending(CompletableFuture<ServerConnection> connected, Runnable closer) {
    static Pending failed(Throwable cause) {
      return new Pending(CompletableFuture.failedFuture(cause), () -> {});
    }

    void abandon() {
      closer.run();
    }
  }

  @Override
  public String toString() {
    return "FallbackConnector" + Arrays.asList(config.order()) + " " + config.mode();
  }
}
