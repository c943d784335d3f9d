package org.nimbusmedia.server.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.config.AdminConfig;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of an admin connection: {@code idle timeout -> HTTP codec -> aggregator -> admin
 * handler}, the handler on the admin executor so that password checks never hold an I/O thread.
 * Requests are small GETs: the request line, the headers and a body are each bounded.
 */
public final class AdminChannelInitializer extends ChannelInitializer<Channel> {
  private static final Logger log = LoggerFactory.getLogger(AdminChannelInitializer.class);

  static final int MAX_CONNECTIONS = 64;
  static final int MAX_REQUEST_LINE = 8 * 1024;
  static final int MAX_HEADERS = 8 * 1024;
  static final int MAX_BODY = 16 * 1024;
  static final int IDLE_SECONDS = 60;

  /** How long a checked password is trusted again without bcrypt (a few scrape intervals). */
  static final Duration VERIFIED_LOGIN_LIFETIME = Duration.ofMinutes(5);

  private final AdminAuthenticator authenticator;
  private final AdminMethods methods;
  private final NimbusMetrics metrics;
  private final BooleanSupplier running;
  private final EventExecutorGroup executor;
  private final Clock clock;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * @param running whether the server serves clients now ({@code /health})
   * @param executor where admin requests are handled, off the I/O threads
   */
  public AdminChannelInitializer(
      AdminConfig config,
      ApplicationRegistry applications,
      NimbusMetrics metrics,
      BooleanSupplier running,
      String version,
      EventExecutorGroup executor,
      Clock clock) {
    this.authenticator =
        new AdminAuthenticator(
            config.users(),
            new LoginLimiter(config.maxFailedLogins(), config.lockoutTime(), clock),
            new VerifiedLogins(VERIFIED_LOGIN_LIFETIME, clock));
    this.methods = new AdminMethods(applications, metrics, clock, clock.instant(), version);
    this.metrics = metrics;
    this.running = running;
    this.executor = executor;
    this.clock = clock;
  }

  /** Whether requests need a user and password (users are configured). */
  public boolean loginRequired() {
    return authenticator.loginRequired();
  }

  @Override
  protected void initChannel(Channel channel) {
    if (open.incrementAndGet() > MAX_CONNECTIONS) {
      open.decrementAndGet();
      log.warn(
          "Refusing admin connection from {}: {} admin connections open",
          channel.remoteAddress(),
          MAX_CONNECTIONS);
      channel.close();
      return;
    }
    channel.closeFuture().addListener(closed -> open.decrementAndGet());
    channel
        .pipeline()
        .addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
        .addLast("http", new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, MAX_BODY))
        .addLast("aggregator", new HttpObjectAggregator(MAX_BODY))
        .addLast(
            executor,
            "admin",
            new AdminHttpHandler(authenticator, methods, metrics, running, clock));
  }
}
