package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.session.RtmfpStats;
import org.nimbusmedia.rtmfp.wire.Packet;
import org.nimbusmedia.server.testing.AdminHttp;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flood of IHellos from spoofed source addresses against the RTMFP front end (issue 10). Linux
 * answers the whole of 127/8 on loopback, so each of the 100,000 datagrams really comes from its
 * own address, 127.1.0.0 upwards, as spoofed ones would; the answers go to those addresses and are
 * lost, as they would be. The server must keep no state for any of them (RFC 7016 section 3.5.1.2:
 * the cookie makes the responder stateless until IIKeying), keep its heap flat, send back fewer
 * bytes than it received (RHello surplus budget, {@code rtmfp.helloExcessRate}), count what it left
 * unanswered in {@code /metrics}, and still let a real client in afterwards.
 */
class RtmfpFloodIT {
  private static final Logger LOG = LoggerFactory.getLogger(RtmfpFloodIT.class);
  private static final int FLOOD = 100_000;

  /**
   * Datagrams sent before waiting for the server to have read them (its socket buffer is 1 MiB).
   */
  private static final int BATCH = 256;

  /** Heap growth that would still be flat: 100,000 addresses of state would be over 10 MiB. */
  private static final long FLAT_HEAP = 6L << 20;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(1);

  @AfterEach
  void stop() {
    if (nimbus != null) {
      nimbus.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static byte[] ihello(int n) {
    byte[] tag = ByteBuffer.allocate(16).putInt(n).array();
    return Datagrams.seal(
        0,
        PacketCipher.defaultKey(),
        new Packet(
            Packet.MODE_STARTUP,
            0,
            -1,
            List.of(new IHello(FlashProfile.serverEpd("rtmfp://127.0.0.1/live"), tag).toChunk())));
  }

  /** 127.1.0.0 + n: a distinct loopback source address per datagram. */
  private static InetAddress source(int n) throws Exception {
    int address = (127 << 24) | (1 << 16) | n;
    return Inet4Address.getByAddress(ByteBuffer.allocate(4).putInt(address).array());
  }

  private static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Waits until the server has read {@code bytes}, or until the datagrams can only be lost. */
  private static void awaitReceived(RtmfpStats stats, long bytes) throws InterruptedException {
    for (int i = 0; i < 500 && stats.bytesIn() < bytes; i++) {
      Thread.sleep(2);
    }
  }

  @Test
  void spoofedIhelloFloodLeavesNoStateAndIsNotAmplified() throws Exception {
    nimbus =
        EmbeddedNimbus.startRtmpAndRtmfp(work.resolve("apps"), EmbeddedNimbus::withAdmin, "live");
    InetSocketAddress server = nimbus.rtmfpAddress();
    RtmfpStats stats = nimbus.server().rtmfpStats().orElseThrow();
    // Warm up from one address, so that class loading is not counted as growth.
    long warmUpBytes = 0;
    try (DatagramChannel warmUp = DatagramChannel.open()) {
      warmUp.bind(new InetSocketAddress("127.0.0.1", 0));
      for (int i = 0; i < BATCH; i++) {
        warmUpBytes += warmUp.send(ByteBuffer.wrap(ihello(i)), server);
      }
    }
    awaitReceived(stats, warmUpBytes);
    long heapBefore = heapAfterGc();
    long inBefore = stats.bytesIn();
    long outBefore = stats.bytesOut();

    long sent = 0;
    for (int n = 0; n < FLOOD; n++) {
      byte[] datagram = ihello(n);
      try (DatagramChannel spoofed = DatagramChannel.open()) {
        spoofed.bind(new InetSocketAddress(source(n), 0));
        spoofed.send(ByteBuffer.wrap(datagram), server);
      }
      sent += datagram.length;
      if (n % BATCH == BATCH - 1) {
        awaitReceived(stats, inBefore + sent);
      }
    }
    awaitReceived(stats, inBefore + sent);
    long received = stats.bytesIn() - inBefore;
    long answered = stats.bytesOut() - outBefore;
    long heapGrowth = heapAfterGc() - heapBefore;
    AdminHttp admin = new AdminHttp(nimbus.port("admin"));
    Map<String, Double> metrics = AdminHttp.samples(admin.get("/metrics").body());
    LOG.info(
        "IHello flood: {} datagrams, {} bytes sent, {} received, {} sent back; heap growth {} bytes",
        FLOOD,
        sent,
        received,
        answered,
        heapGrowth);

    assertTrue(received > sent * 9 / 10, "the server read " + received + " of " + sent + " bytes");
    assertTrue(answered <= received, answered + " bytes sent back for " + received + " received");
    assertEquals(0.0, metrics.get("nimbus_rtmfp_sessions"), "no session for an IHello");
    assertTrue(heapGrowth < FLAT_HEAP, "heap grew by " + heapGrowth + " bytes");
    double refused = metrics.get("nimbus_rtmfp_handshakes_refused_total{reason=\"amplification\"}");
    assertTrue(refused > FLOOD / 2, "IHellos left unanswered: " + refused);
    assertEquals((double) (inBefore + received), metrics.get("nimbus_rtmfp_received_bytes_total"));

    // The budget refills with time: a real client that retries its IHello gets in.
    try (FlashPeer client = new FlashPeer(group)) {
      assertEquals("_result", client.connect(server, "live").name());
    }
  }
}
