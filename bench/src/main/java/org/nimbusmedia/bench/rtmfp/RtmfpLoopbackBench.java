package org.nimbusmedia.bench.rtmfp;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.RtmfpTransport;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;

/**
 * RTMFP transport on loopback (issue 5): handshakes per second and reliable flow throughput between
 * two of our endpoints in one JVM, each on its own event loop.
 *
 * <pre>
 * java -cp bench/target/nimbus-bench.jar org.nimbusmedia.bench.rtmfp.RtmfpLoopbackBench \
 *     handshakes SECONDS WINDOW      # complete handshakes (IHello to RIKeying), WINDOW at once
 * java -cp bench/target/nimbus-bench.jar org.nimbusmedia.bench.rtmfp.RtmfpLoopbackBench \
 *     throughput SECONDS MESSAGE_BYTES   # one reliable flow, sender kept 256 fragments ahead
 * </pre>
 *
 * Handshakes use the server's defaults: DH group 14 with an ephemeral server key per session (RFC
 * 7425 section 4.3), so each one costs two 2048-bit modular exponentiations on the server and two
 * on the client, all in this JVM. Each session is closed once open. Bounded: SECONDS at most 600,
 * and every endpoint is closed at the end.
 */
public final class RtmfpLoopbackBench {
  private static final int MAX_QUEUED_FRAGMENTS = 256;

  private RtmfpLoopbackBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !(args[0].equals("handshakes") || args[0].equals("throughput"))) {
      System.err.println("usage: handshakes SECONDS WINDOW | throughput SECONDS MESSAGE_BYTES");
      System.exit(2);
    }
    int seconds = bounded(args[1], 1, 600, "SECONDS");
    EventLoopGroup serverLoop = RtmfpTransport.newGroup(1, Thread::new);
    EventLoopGroup clientLoop = RtmfpTransport.newGroup(1, Thread::new);
    AtomicLong receivedBytes = new AtomicLong();
    SessionListener counting =
        new SessionListener() {
          @Override
          public void message(Session session, ReceiveFlow flow, byte[] message) {
            receivedBytes.addAndGet(message.length);
          }
        };
    // The RHello surplus budget (64 KiB/s) would cap the handshake rate measured here; the
    // bench measures the protocol's cost, so it lifts the budget to its maximum.
    RtmfpConfig config =
        RtmfpConfig.defaults().withSessionCaps(100_000, 100_000).withHelloExcessRate(64 << 20);
    RtmfpEndpoint server =
        RtmfpEndpoint.bind(
            serverLoop,
            new InetSocketAddress("127.0.0.1", 0),
            config,
            counting,
            true,
            Clock.systemUTC());
    RtmfpEndpoint client =
        RtmfpEndpoint.bind(
            clientLoop,
            new InetSocketAddress("127.0.0.1", 0),
            config,
            new SessionListener() {},
            false,
            Clock.systemUTC());
    try {
      if (args[0].equals("handshakes")) {
        handshakes(client, server.localAddress(), seconds, bounded(args[2], 1, 1000, "WINDOW"));
      } else {
        throughput(
            client,
            server.localAddress(),
            seconds,
            bounded(args[2], 1, 1 << 20, "MESSAGE_BYTES"),
            receivedBytes);
      }
    } finally {
      client.close();
      server.close();
      clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void handshakes(
      RtmfpEndpoint client, InetSocketAddress server, int seconds, int window)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    for (int i = 0; i < window; i++) {
      next(client, server, end, done, failed);
    }
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      System.out.printf("handshakes so far: %d (%d failed)%n", done.get(), failed.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "handshakes: %d in %.1f s = %.0f/s, window %d, %d failed%n",
        done.get(), elapsed, done.get() / elapsed, window, failed.get());
  }

  /** One handshake; when it completes, its session closes and the next one starts. */
  private static void next(
      RtmfpEndpoint client,
      InetSocketAddress server,
      long end,
      AtomicLong done,
      AtomicLong failed) {
    if (System.nanoTime() >= end) {
      return;
    }
    CompletableFuture<Session> session = client.connect(server, "rtmfp://127.0.0.1/bench");
    session.whenComplete(
        (opened, error) -> {
          if (error == null) {
            done.incrementAndGet();
            opened.close();
          } else {
            failed.incrementAndGet();
          }
          next(client, server, end, done, failed);
        });
  }

  private static void throughput(
      RtmfpEndpoint client,
      InetSocketAddress server,
      int seconds,
      int messageBytes,
      AtomicLong receivedBytes)
      throws Exception {
    Session session = client.connect(server, "rtmfp://127.0.0.1/bench").get(10, TimeUnit.SECONDS);
    long flow = session.openFlow(new byte[] {'T', 'C', 4, 0}, -1, 0);
    byte[] message = new byte[messageBytes];
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    long sent = 0;
    while (System.nanoTime() < end) {
      if (session.queuedFragments() < MAX_QUEUED_FRAGMENTS) {
        session.send(flow, message);
        sent += messageBytes;
      } else {
        Thread.sleep(1);
      }
      if (System.nanoTime() >= nextReport) {
        System.out.printf("received so far: %.1f MB%n", receivedBytes.get() / 1e6);
        nextReport += TimeUnit.SECONDS.toNanos(1);
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "throughput: %.1f Mbit/s delivered (%.1f MB in %.1f s, %.1f MB queued by the sender),"
            + " messages of %d bytes, RTT %d ms%n",
        receivedBytes.get() * 8 / elapsed / 1e6,
        receivedBytes.get() / 1e6,
        elapsed,
        sent / 1e6,
        messageBytes,
        session.rttMillis());
  }

  private static int bounded(String value, int min, int max, String name) {
    int parsed = Integer.parseInt(value);
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + value);
    }
    return parsed;
  }
}
