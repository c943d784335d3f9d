package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.server.config.RtmpConfig;
import org.nimbusmedia.server.testing.AdminHttp;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.RawRtmpSocket;
import org.nimbusmedia.server.testing.TestClients;

/**
 * A player that stops reading is dropped once its socket has stayed full for {@code
 * rtmp.maxWriteStall}, counted in {@code nimbus_connections_dropped_total}, while the players
 * around it receive every frame. (Their latency, with and without the stalled player, is measured
 * by {@code bench}'s {@code SlowReaderBench}: no timed assertions here.)
 */
class SlowClientIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int PLAYERS = 4;
  private static final String DROPPED =
      "nimbus_connections_dropped_total{protocol=\"rtmp\",reason=\"slow_reader\"}";

  @TempDir Path apps;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() {
    nimbus =
        EmbeddedNimbus.start(
            apps,
            config ->
                EmbeddedNimbus.withAdmin(config)
                    .withRtmp(new RtmpConfig(null, null, null, null, Duration.ofSeconds(1))),
            "live");
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
  }

  @Test
  void aPlayerThatStopsReadingIsDroppedAndTheOthersGetEveryFrame() throws Exception {
    AdminHttp admin = new AdminHttp(nimbus.port("admin"));
    ClientStream out = stream();
    out.publish("cam", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<FrameCheck> players = new ArrayList<>();
    for (int i = 0; i < PLAYERS; i++) {
      FrameCheck check = new FrameCheck();
      ClientStream player = stream().onMedia(check);
      player.play("cam").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      players.add(check);
    }
    try (RawRtmpSocket stalled = new RawRtmpSocket(nimbus.rtmpPort(), 4096)) {
      stalled.handshake();
      stalled.sendCommand(0, "connect", 1.0, AmfObject.of("app", "live", "tcUrl", "rtmp://x/live"));
      stalled.sendCommand(0, "createStream", 2.0, null);
      stalled.sendCommand(1, "play", 0.0, null, "cam"); // stream 1: the first createStream id
      // ... and never reads another byte.
      nimbus.awaitSubscribers("live", "cam", PLAYERS + 1);

      // 20 kB frames at 100 a second, stamped in real time so that the fast players stay within
      // the latency bound; until the server gives up on the stalled one, then two seconds more.
      int sent = 0;
      long start = System.nanoTime();
      long droppedAt = -1;
      long deadline = start + WAIT.toNanos();
      while (droppedAt < 0 || sent < droppedAt + 200) {
        assertTrue(System.nanoTime() < deadline, "the stalled player was never dropped");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        out.sendVideo(elapsedMillis, Unpooled.wrappedBuffer(frame(sent)));
        sent++;
        if (droppedAt < 0 && sent % 50 == 0 && dropped(admin) > 0) {
          droppedAt = sent;
        }
        Thread.sleep(10);
      }

      assertTrue(stalled.closedByServer(), "the stalled player's connection is closed");
      nimbus.awaitSubscribers("live", "cam", PLAYERS);
      assertEquals(1.0, dropped(admin), "one connection dropped as a slow reader");
      for (FrameCheck player : players) {
        player.awaitFrames(sent);
        assertEquals(null, player.problem.get(), "frames in order, none missing");
        assertEquals(sent, player.frames.get(), "every frame");
      }
      assertTrue(out.client().isConnected(), "the publisher was never held up");
    }
  }

  /** Video frame {@code index}: a keyframe every 25, the index in bytes 2-5, 20 kB in all. */
  private static byte[] frame(int index) {
    byte[] body = new byte[20_000];
    body[0] = (byte) (index % 25 == 0 ? 0x17 : 0x27);
    body[1] = 1;
    body[2] = (byte) (index >>> 24);
    body[3] = (byte) (index >>> 16);
    body[4] = (byte) (index >>> 8);
    body[5] = (byte) index;
    return body;
  }

  /** A stream on a new connection that keeps no copies of what it receives (listeners count). */
  private ClientStream stream() throws Exception {
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS.withMediaQueueCapacity(0));
    client.connect(nimbus.rtmpUri("live")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static double dropped(AdminHttp admin) throws Exception {
    Map<String, Double> samples = AdminHttp.samples(admin.get("/metrics").body());
    return samples.getOrDefault(DROPPED, 0.0);
  }

  /** Counts a player's video frames and checks that their indexes go 0, 1, 2, ... */
  private static final class FrameCheck implements MediaListener {
    final AtomicInteger frames = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();

    @Override
    public void onMedia(ClientStream stream, MediaMessage message) {
      if (!(message instanceof VideoMessage)) {
        return;
      }
      int index = message.content().getInt(message.content().readerIndex() + 2);
      int expected = frames.getAndIncrement();
      if (index != expected) {
        problem.compareAndSet(null, "frame " + index + " where " + expected + " was due");
      }
    }

    void awaitFrames(int count) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (frames.get() < count && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
  }
}
