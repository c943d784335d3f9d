package org.nimbusmedia.bench.so;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;

/**
 * One writer changes one slot of a remote shared object {@code updates} times as fast as RTMP takes
 * it; {@code subscribers} clients use the same object. A round ends when every subscriber holds the
 * last value; updates per second is {@code updates} over that time, and the propagated figure
 * multiplies it by the subscribers. Each round uses a fresh object name so that no round starts
 * with the previous one's backlog.
 *
 * <pre>
 * java -cp bench/target/nimbus-bench.jar org.nimbusmedia.bench.so.SharedObjectFanout \
 *     rtmp://127.0.0.1:19351/live [subscribers=100] [updates=2000] [rounds=3] [persistent=false]
 * </pre>
 */
public final class SharedObjectFanout {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int MAX_SUBSCRIBERS = 2_000;
  private static final int MAX_UPDATES = 100_000;
  private static final int MAX_ROUNDS = 20;

  private SharedObjectFanout() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 5) {
      System.err.println(
          "usage: SharedObjectFanout rtmp://host:port/app [subscribers] [updates] [rounds]"
              + " [persistent]");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    int subscribers = bounded(args, 1, 100, MAX_SUBSCRIBERS);
    int updates = bounded(args, 2, 2_000, MAX_UPDATES);
    int rounds = bounded(args, 3, 3, MAX_ROUNDS);
    boolean persistent = args.length > 4 && Boolean.parseBoolean(args[4]);
    EventLoopGroup group =
        new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<RtmpClient> clients = new ArrayList<>();
    try {
      RtmpClient writer = connect(group, url, clients);
      List<RtmpClient> readers = new ArrayList<>();
      for (int i = 0; i < subscribers; i++) {
        readers.add(connect(group, url, clients));
      }
      System.out.printf(
          Locale.ROOT,
          "%d subscribers, %d updates per round, %s object%n",
          subscribers,
          updates,
          persistent ? "persistent" : "temporary");
      for (int round = 1; round <= rounds; round++) {
        String name = "fanout/" + System.nanoTime();
        ClientSharedObject out = use(writer, name, persistent);
        List<ClientSharedObject> ins = new ArrayList<>();
        for (RtmpClient reader : readers) {
          ins.add(use(reader, name, persistent));
        }
        double last = updates;
        long start = System.nanoTime();
        for (int i = 1; i <= updates; i++) {
          out.setProperty("n", (double) i);
        }
        for (ClientSharedObject in : ins) {
          in.awaitData(data -> Double.valueOf(last).equals(data.get("n")), WAIT);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "round %d: %.3f s, %.0f updates/s from the writer, %.0f updates/s delivered%n",
            round,
            seconds,
            updates / seconds,
            updates * (double) subscribers / seconds);
        out.close();
        ins.forEach(ClientSharedObject::close);
      }
    } finally {
      clients.forEach(RtmpClient::close);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static RtmpClient connect(EventLoopGroup group, URI url, List<RtmpClient> clients)
      throws Exception {
    // Keep no media copies; the shared object keeps what it receives.
    RtmpClient client = new RtmpClient(group, RtmpClientConfig.DEFAULTS.withMediaQueueCapacity(0));
    clients.add(client);
    client.connect(url).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client;
  }

  private static ClientSharedObject use(RtmpClient client, String name, boolean persistent)
      throws Exception {
    ClientSharedObject so = client.sharedObject(name, persistent);
    so.connect();
    so.awaitConnected(WAIT);
    return so;
  }

  private static int bounded(String[] args, int index, int fallback, int max) {
    if (args.length <= index) {
      return fallback;
    }
    int value = Integer.parseInt(args[index]);
    if (value < 1 || value > max) {
      throw new IllegalArgumentException("argument " + index + " must be 1.." + max);
    }
    return value;
  }
}
