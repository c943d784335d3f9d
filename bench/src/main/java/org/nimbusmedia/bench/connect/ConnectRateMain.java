package org.nimbusmedia.bench.connect;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.nimbusmedia.bench.load.LatencySummary;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;

/**
 * {@code java -cp bench/target/nimbus-bench.jar org.nimbusmedia.bench.connect.ConnectRateMain --url
 * rtmp://127.0.0.1:19352/trivial --connections 5000 --concurrency 32 --threads 1}: opens {@code
 * connections} RTMP connections, at most {@code concurrency} at once; each one connects (TCP,
 * handshake, {@code connect} until {@code _result}) and is closed as soon as it is accepted. Prints
 * the accepted connects per second over the whole run and the time each connect took. Bounded: each
 * connect times out after 10 s, and the run stops after 10 minutes.
 */
public final class ConnectRateMain {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
  private static final String USAGE =
      "usage: ConnectRateMain --url rtmp://host:port/app [--connections N (1..1000000, 5000)]"
          + " [--concurrency C (1..1000, 32)] [--threads T (1..64, 1)]";

  private final URI url;
  private final int connections;
  private final int concurrency;
  private final EventLoopGroup group;
  private final RtmpClientConfig config =
      RtmpClientConfig.DEFAULTS.withConnectTimeout(CONNECT_TIMEOUT);
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final CountDownLatch finished;
  private volatile String firstFailure;

  private ConnectRateMain(URI url, int connections, int concurrency, int threads) {
    this.url = url;
    this.connections = connections;
    this.concurrency = concurrency;
    this.group = new NioEventLoopGroup(threads);
    this.finished = new CountDownLatch(connections);
  }

  public static void main(String[] args) throws InterruptedException {
    URI url = null;
    int connections = 5000;
    int concurrency = 32;
    int threads = 1;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--url" -> url = URI.create(value);
          case "--connections" -> connections = bounded("--connections", value, 1, 1_000_000);
          case "--concurrency" -> concurrency = bounded("--concurrency", value, 1, 1000);
          case "--threads" -> threads = bounded("--threads", value, 1, 64);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (url == null) {
        throw new IllegalArgumentException("--url is required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("connect-rate: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    new ConnectRateMain(url, connections, concurrency, threads).run();
  }

  private static int bounded(String option, String value, int min, int max) {
    int n = Integer.parseInt(value);
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be in " + min + ".." + max);
    }
    return n;
  }

  private void run() throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, connections); i++) {
      next();
    }
    boolean done = finished.await(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    LatencySummary latency;
    synchronized (micros) {
      latency = LatencySummary.of(micros);
    }
    System.out.printf(
        "connections %d, concurrency %d: accepted %d, failed %d in %.2f s%s%n",
        connections, concurrency, accepted.get(), failed.get(), seconds, done ? "" : " (stopped)");
    System.out.printf("connects/s accepted: %.0f%n", accepted.get() / seconds);
    System.out.printf(
        "connect time ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n",
        latency.p50(), latency.p90(), latency.p99(), latency.max());
    if (firstFailure != null) {
      System.out.println("first failure: " + firstFailure);
    }
  }

  /** Starts the next connection, if any is left; each finished one starts another. */
  private void next() {
    if (started.incrementAndGet() > connections) {
      return;
    }
    RtmpClient client = new RtmpClient(group, config);
    long begin = System.nanoTime();
    client
        .connect(url)
        .whenComplete(
            (info, error) -> {
              if (error == null) {
                long took = (System.nanoTime() - begin) / 1000;
                synchronized (micros) {
                  micros.recordValue(Math.min(took, micros.getHighestTrackableValue()));
                }
                accepted.incrementAndGet();
              } else {
                failed.incrementAndGet();
                if (firstFailure == null) {
                  firstFailure = String.valueOf(error);
                }
              }
              client.close();
              client
                  .closeFuture()
                  .whenComplete(
                      (ok, e) -> {
                        finished.countDown();
                        next();
                      });
            });
  }
}
