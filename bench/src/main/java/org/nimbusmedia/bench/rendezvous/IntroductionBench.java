package org.nimbusmedia.bench.rendezvous;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.Redirect;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.Packet;

/**
 * How many introductions a server sustains (RFC 7016 section 3.5.1.6): {@code targets} RTMFP
 * clients connect to {@code rtmfp://server/app}, then one UDP socket keeps {@code window} peer
 * lookups (IHellos with a target's fingerprint) outstanding for {@code seconds}, each answered by a
 * Redirect from the server, which also forwards the IHello to the target (who answers this socket
 * with an RHello). Prints introductions per second and the Redirect latency. Bounded: at most
 * {@code seconds} of load, a lookup unanswered after 1 s counts as lost and is replaced.
 *
 * <pre>
 * java -cp bench/target/nimbus-bench.jar org.nimbusmedia.bench.rendezvous.IntroductionBench \
 *     127.0.0.1:19352 live 50 64 20
 * </pre>
 */
public final class IntroductionBench {
  private static final long LOST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final InetSocketAddress server;
  private final List<byte[]> targets;
  private final int window;
  private final SecureRandom random = new SecureRandom();
  private final Map<ByteBuffer, Long> outstanding = new HashMap<>();
  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
  private long introductions;
  private long targetAnswers;
  private long lost;

  private IntroductionBench(InetSocketAddress server, List<byte[]> targets, int window) {
    this.server = server;
    this.targets = targets;
    this.window = window;
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (args.length != 5) {
      out.println("usage: IntroductionBench host:port app targets window seconds");
      System.exit(2);
    }
    String[] hostPort = args[0].split(":");
    InetSocketAddress server = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    int targetCount = bounded(args[2], 1, 1000);
    int window = bounded(args[3], 1, 4096);
    int seconds = bounded(args[4], 1, 600);
    EventLoopGroup group = new NioEventLoopGroup(1);
    List<RtmfpClient> clients = new ArrayList<>();
    try {
      List<byte[]> ids = new ArrayList<>();
      for (int i = 0; i < targetCount; i++) {
        RtmfpClient client = RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC());
        clients.add(client);
        String url = "rtmfp://" + args[0] + "/" + args[1];
        client.connect(server, url, args[1]).get(20, TimeUnit.SECONDS);
        ids.add(client.peerId());
      }
      out.printf(
          "%d targets connected; %d lookups outstanding for %d s%n", targetCount, window, seconds);
      IntroductionBench bench = new IntroductionBench(server, ids, window);
      bench.run(Duration.ofSeconds(seconds), out);
    } finally {
      clients.forEach(RtmfpClient::close);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static int bounded(String text, int min, int max) {
    int value = Integer.parseInt(text);
    if (value < min || value > max) {
      throw new IllegalArgumentException(text + " is not in " + min + ".." + max);
    }
    return value;
  }

  private void run(Duration duration, PrintStream out) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, server.getAddress())) {
      socket.setSoTimeout(100);
      socket.setReceiveBufferSize(4 << 20);
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long nextReport = start + TimeUnit.SECONDS.toNanos(1);
      long reported = 0;
      DatagramPacket received =
          new DatagramPacket(new byte[Datagrams.MAX_SIZE], Datagrams.MAX_SIZE);
      int next = 0;
      while (System.nanoTime() < end) {
        expire();
        while (outstanding.size() < window) {
          lookup(socket, targets.get(next++ % targets.size()));
        }
        try {
          received.setLength(Datagrams.MAX_SIZE);
          socket.receive(received);
          answered(
              Arrays.copyOf(received.getData(), received.getLength()),
              (InetSocketAddress) received.getSocketAddress());
        } catch (SocketTimeoutException e) {
          // Nothing came within 100 ms: lookups expire above.
        }
        long now = System.nanoTime();
        if (now >= nextReport) {
          out.printf("%d introductions/s%n", introductions - reported);
          reported = introductions;
          nextReport += TimeUnit.SECONDS.toNanos(1);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          "introductions: %d in %.1f s = %.0f/s; target RHellos %d; lost %d;"
              + " Redirect latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          introductions,
          seconds,
          introductions / seconds,
          targetAnswers,
          lost,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0);
    }
  }

  private void lookup(DatagramSocket socket, byte[] target) throws IOException {
    byte[] tag = new byte[16];
    random.nextBytes(tag);
    Chunk hello = new IHello(FlashProfile.peerEpd(target), tag).toChunk();
    byte[] datagram =
        Datagrams.seal(
            0, PacketCipher.defaultKey(), new Packet(Packet.MODE_STARTUP, 0, -1, List.of(hello)));
    outstanding.put(ByteBuffer.wrap(tag), System.nanoTime());
    socket.send(new DatagramPacket(datagram, datagram.length, server));
  }

  private void answered(byte[] bytes, InetSocketAddress from) {
    Packet packet;
    try {
      packet = Datagrams.open(bytes, PacketCipher.defaultKey());
    } catch (MalformedException e) {
      return;
    }
    for (Chunk chunk : packet.chunks()) {
      if (chunk.type() == Chunk.RHELLO) {
        targetAnswers++;
      } else if (chunk.type() == Chunk.REDIRECT && from.equals(server)) {
        Long sentAt = outstanding.remove(ByteBuffer.wrap(Redirect.decode(chunk.body()).tag()));
        if (sentAt != null) {
          introductions++;
          latency.recordValue(
              Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - sentAt) / 1000));
        }
      }
    }
  }

  private void expire() {
    long now = System.nanoTime();
    int before = outstanding.size();
    outstanding.values().removeIf(sentAt -> now - sentAt > LOST_AFTER_NANOS);
    lost += before - outstanding.size();
  }
}
