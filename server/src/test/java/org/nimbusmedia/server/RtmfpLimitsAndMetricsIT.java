package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.server.config.LimitsConfig;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.testing.AdminHttp;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.FlashPeer;
import org.nimbusmedia.server.testing.LossyUdpRelay;
import org.nimbusmedia.server.testing.TestClients;

/**
 * RTMFP sessions under the server's shared connection limits, and the RTMFP transport's own figures
 * (round-trip times, retransmissions) on {@code /metrics}.
 */
class RtmfpLimitsAndMetricsIT {
  @TempDir Path apps;
  private EmbeddedNimbus nimbus;
  private AdminHttp admin;
  private final TestClients rtmpClients = new TestClients();
  private final EventLoopGroup group = new NioEventLoopGroup(2);

  private void start(LimitsConfig limits) {
    nimbus =
        EmbeddedNimbus.startRtmpAndRtmfp(
            apps,
            config ->
                config
                    .withLimits(limits)
                    .withServer(
                        new ServerConfig(
                            config
                                .server()
                                .listeners()
                                .withAdmin(new ListenerConfig(true, "127.0.0.1", 0)),
                            config.server().shutdownTimeout())),
            "live");
    admin = new AdminHttp(nimbus.port("admin"));
  }

  @AfterEach
  void stop() {
    rtmpClients.close();
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void rtmfpSessionsAndRtmpConnectionsShareThePerAddressLimit() throws Exception {
    start(new LimitsConfig(null, 1, null, null, null, null, null, null));
    RtmpClient rtmp = rtmpClients.connect(nimbus.rtmpUri("live"));

    try (FlashPeer refused = new FlashPeer(group)) {
      assertThrows(Exception.class, () -> refused.connect(nimbus.rtmfpAddress(), "live"));
    }
    rtmp.close();
    rtmp.closeFuture().get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    awaitSample("nimbus_connections{protocol=\"rtmp\"}", 0.0);
    try (FlashPeer accepted = new FlashPeer(group)) {
      assertEquals("_result", accepted.connect(nimbus.rtmfpAddress(), "live").name());
      assertThrows(Exception.class, () -> rtmpClients.connect(nimbus.rtmpUri("live")));
    }

    Map<String, Double> samples = AdminHttp.samples(admin.get("/metrics").body());
    assertEquals(
        1.0,
        samples.get(
            "nimbus_connects_total{protocol=\"rtmfp\",reason=\"limit\",result=\"rejected\"}"));
    assertEquals(
        1.0,
        samples.get(
            "nimbus_connects_total{protocol=\"rtmp\",reason=\"limit\",result=\"rejected\"}"));
  }

  @Test
  void roundTripTimesAndRetransmissionsAreScraped() throws Exception {
    start(LimitsConfig.defaults());
    RtmpClient publisher = rtmpClients.connect(nimbus.rtmpUri("live"));
    ClientStream publishing =
        publisher.createStream().get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    publishing.publish("cam", "live").get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    try (LossyUdpRelay lossy = new LossyUdpRelay(nimbus.rtmfpAddress(), 7, 50);
        FlashPeer player = new FlashPeer(group)) {
      player.connect(lossy.address(), "live");
      int stream = player.client().createStream().get(20, TimeUnit.SECONDS);
      player.client().play(stream, "cam");
      player.awaitStatus("NetStream.Play.Start");

      for (int i = 0; i < 200; i++) {
        byte[] frame = new byte[3000];
        frame[0] = (byte) (i == 0 ? 0x17 : 0x27);
        publishing.sendVideo(i * 40, Unpooled.wrappedBuffer(frame));
      }

      double resent = awaitSample("nimbus_rtmfp_retransmissions_total", 1.0);
      assertTrue(lossy.dropped() > 0, "the relay dropped datagrams from the server");
      assertTrue(resent >= 1.0, "retransmissions " + resent);
      Map<String, Double> samples = AdminHttp.samples(admin.get("/metrics").body());
      assertTrue(samples.get("nimbus_rtmfp_rtt_seconds_count") > 0, "round trips measured");
    }
  }

  /** Scrapes until {@code sample} reaches {@code atLeast} (or equals 0 when asked for 0). */
  private double awaitSample(String sample, double atLeast) throws Exception {
    long deadline = System.nanoTime() + TestClients.WAIT.toNanos();
    Double value = null;
    while (System.nanoTime() < deadline) {
      value = AdminHttp.samples(admin.get("/metrics").body()).get(sample);
      if (value != null && (atLeast == 0 ? value == 0 : value >= atLeast)) {
        return value;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(sample + " is " + value + ", expected " + atLeast);
  }
}
