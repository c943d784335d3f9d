package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TunnelRtmpClient;

/**
 * Measures, and only reports, the delay from publisher to subscriber through RTMPT with the default
 * tunnel settings, next to plain RTMP: a publisher over RTMP sends 25 video messages a second, each
 * stamped with {@link System#nanoTime()}; one subscriber plays over RTMPT (polling as ffmpeg does),
 * one over RTMP, all in this JVM on loopback. The figures go to {@code target/rtmpt-latency.txt};
 * nothing is asserted about them (no timed assertions).
 */
class RtmptLatencyIT {
  private static final int FRAMES = 300;
  private static final int WARM_UP = 25;
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path work;

  @Test
  void publisherToSubscriberDelayThroughRtmptAndRtmp() throws Exception {
    try (EmbeddedNimbus nimbus =
            EmbeddedNimbus.start(work.resolve("apps"), EmbeddedNimbus::withRtmpt, "live");
        TunnelRtmpClient publisher = TunnelRtmpClient.tcp(nimbus.rtmpPort());
        TunnelRtmpClient tunnelled = TunnelRtmpClient.tunnel(nimbus.port("rtmpt"));
        TunnelRtmpClient direct = TunnelRtmpClient.tcp(nimbus.rtmpPort())) {
      publisher.connect("live", "rtmp://127.0.0.1/live");
      int stream = publisher.createStream();
      publisher.streamCommand(stream, "publish", "latency", "live");
      for (TunnelRtmpClient player : List.of(tunnelled, direct)) {
        player.connect("live", "rtmp://127.0.0.1/live");
        player.streamCommand(player.createStream(), "play", "latency");
      }

      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<List<Long>> overRtmpt = threads.submit(() -> receive(tunnelled));
        Future<List<Long>> overRtmp = threads.submit(() -> receive(direct));
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
          long due = start + TimeUnit.MILLISECONDS.toNanos(40L * i);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          byte[] frame = new byte[1500];
          frame[0] = 0x17; // AVC keyframe, NALU
          frame[1] = 0x01;
          long sent = System.nanoTime();
          for (int b = 0; b < 8; b++) {
            frame[5 + b] = (byte) (sent >>> (56 - 8 * b));
          }
          publisher.write(new VideoMessage(stream, 40L * i, Unpooled.wrappedBuffer(frame)));
          publisher.exchange();
        }
        List<Long> rtmpt = overRtmpt.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        List<Long> rtmp = overRtmp.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(FRAMES, rtmpt.size(), "every frame arrived over RTMPT");
        assertEquals(FRAMES, rtmp.size(), "every frame arrived over RTMP");
        String report =
            summary("rtmpt (default settings, ffmpeg-style polling)", rtmpt)
                + summary("rtmp  (baseline)", rtmp);
        Files.writeString(Path.of("target", "rtmpt-latency.txt"), report);
        System.out.print(report);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  /** Delays in microseconds, in arrival order, for every frame. */
  private static List<Long> receive(TunnelRtmpClient player) throws Exception {
    List<Long> delays = new ArrayList<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (delays.size() < FRAMES && System.nanoTime() < deadline) {
      Object message = player.next(Duration.ofSeconds(1));
      if (message instanceof VideoMessage video) {
        long arrived = System.nanoTime();
        long sent = video.content().getLong(video.content().readerIndex() + 5);
        delays.add((arrived - sent) / 1000);
        video.release();
      } else if (message != null) {
        io.netty.util.ReferenceCountUtil.release(message);
      }
    }
    return delays;
  }

  private static String summary(String label, List<Long> delaysMicros) {
    List<Long> sorted = new ArrayList<>(delaysMicros.subList(WARM_UP, delaysMicros.size()));
    Collections.sort(sorted);
    long median = sorted.get(sorted.size() / 2);
    long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    long max = sorted.get(sorted.size() - 1);
    return String.format(
        Locale.ROOT,
        "%s: %d frames after %d warm-up, median %.2f ms, p99 %.2f ms, max %.2f ms%n",
        label,
        sorted.size(),
        WARM_UP,
        median / 1000.0,
        p99 / 1000.0,
        max / 1000.0);
  }
}
