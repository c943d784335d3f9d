package org.nimbusmedia.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;

/**
 * Runs one load test: starts the publishers, then opens subscribers at the ramp rate, reports
 * progress once per second, and stops by itself after the duration. All load connections share one
 * event loop group, which the run creates and shuts down.
 *
 * <p>One more player, the reference player, plays the first stream on an event loop of its own. The
 * load players' latency includes the time their loop takes to reach each socket among all the
 * others; the reference player's reads wait for nobody, so its latency is the server's (plus the
 * operating system's wake-up of one thread): what "latency beside N players" means.
 */
public final class LoadGenerator {

  /** A subscriber that has received nothing for this long is not alive. */
  static final long ALIVE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** The steady window starts this long after the last subscriber attempt has finished. */
  static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** Largest FLV tag body and total accepted with {@code --flv}. */
  static final int MAX_FLV_TAG = 16 * 1024 * 1024 - 1;

  static final long MAX_FLV_BYTES = 512L * 1024 * 1024;

  /** Period of the timer that measures the generator's event loop lag. */
  static final long LAG_PROBE_MILLIS = 100;

  /** How long publishers may take to start, and connections to close at the end. */
  static final long START_TIMEOUT_SECONDS = 15;

  static final long STOP_TIMEOUT_SECONDS = 5;

  private final LoadOptions options;
  private final Consumer<String> progress;
  private final LoadStats stats = new LoadStats();
  private final LoadStats referenceStats = new LoadStats();

  /**
   * @param options the run's settings
   * @param progress receives one line per second
   */
  public LoadGenerator(LoadOptions options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * Runs to the end of the duration.
   *
   * @throws IOException if the FLV file cannot be read
   * @throws IllegalStateException if a publisher cannot start
   */
  public LoadReport run() throws IOException, InterruptedException {
    List<FlvTag> flvTags = options.flv() == null ? null : readFlv();
    EventLoopGroup group =
        new NioEventLoopGroup(options.threads(), new DefaultThreadFactory("bench-loop", true));
    EventLoopGroup referenceGroup =
        new NioEventLoopGroup(1, new DefaultThreadFactory("bench-reference", true));
    RtmpClientConfig config = RtmpClientConfig.DEFAULTS.withMediaQueueCapacity(0);
    List<Publisher> publishers = new ArrayList<>();
    List<Player> subscribers = new ArrayList<>();
    List<Player> references = new ArrayList<>();
    group.forEach(this::probeLoopLag);
    try {
      String source = "none";
      for (int i = 0; i < options.publishers(); i++) {
        MediaSource media = flvTags == null ? synthetic() : new FlvSource(flvTags);
        source = flvTags == null ? media.toString() : "FLV " + options.flv();
        Publisher publisher = new Publisher(group, config, media, metadata(), stats);
        publishers.add(publisher);
        try {
          publisher
              .start(options.publishAppUrl(), options.streamName(i))
              .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new IllegalStateException(
              "publisher " + options.streamName(i) + " could not start: " + e, e);
        }
      }
      progress.accept("publishing: " + source);
      Player reference = player(referenceGroup, config, referenceStats);
      references.add(reference);
      try {
        // A failed start is counted in the reference's own stats; only a hang ends up here.
        reference
            .start(options.appUrl(), options.streamName(0))
            .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        progress.accept("the reference player did not start: " + e);
      }
      return measure(group, config, reference, publishers, subscribers, source);
    } finally {
      List<CompletableFuture<Void>> closing = new ArrayList<>();
      subscribers.forEach(s -> closing.add(s.stop()));
      references.forEach(s -> closing.add(s.stop()));
      publishers.forEach(p -> closing.add(p.stop()));
      try {
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
            .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        progress.accept("some connections did not close in time: " + e);
      }
      group
          .shutdownGracefully(0, 1, TimeUnit.SECONDS)
          .await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      referenceGroup
          .shutdownGracefully(0, 1, TimeUnit.SECONDS)
          .await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private Player player(EventLoopGroup group, RtmpClientConfig config, LoadStats stats) {
    return options.protocol().equals("rtmfp")
        ? new RtmfpPlayer(group, stats)
        : new Subscriber(group, config, stats);
  }

  private LoadReport measure(
      EventLoopGroup group,
      RtmpClientConfig config,
      Player reference,
      List<Publisher> publishers,
      List<Player> subscribers,
      String source)
      throws InterruptedException {
    Histogram referenceSteady = new Histogram(LoadStats.MAX_LATENCY_MICROS, 3);
    Histogram referenceInterval = null;
    Histogram total = new Histogram(LoadStats.MAX_LATENCY_MICROS, 3);
    Histogram steady = new Histogram(LoadStats.MAX_LATENCY_MICROS, 3);
    Histogram interval = null;
    Histogram lagInterval = null;
    Histogram lagTotal = new Histogram(LoadStats.MAX_LATENCY_MICROS, 3);
    List<CompletableFuture<Void>> attempts = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + options.duration().toNanos();
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    long steadyStart = -1;
    long steadyBytes0 = 0;
    long steadyFrames0 = 0;
    long steadyMissing0 = 0;
    boolean steadyBegun = false;
    long aliveMin = Long.MAX_VALUE;
    long lastBytes = 0;
    long lastFrames = 0;
    long lastMissing = 0;
    int streams = Math.max(1, options.publishers());
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      long due =
          Math.min(
              options.subscribers(),
              (now - start) * options.rampPerSecond() / TimeUnit.SECONDS.toNanos(1) + 1);
      while (subscribers.size() < due) {
        Player s = player(group, config, stats);
        subscribers.add(s);
        attempts.add(
            s.start(options.appUrl(), options.streamName((subscribers.size() - 1) % streams)));
      }
      if (steadyStart < 0
          && subscribers.size() == options.subscribers()
          && attempts.stream().allMatch(CompletableFuture::isDone)) {
        steadyStart = now + SETTLE_NANOS;
      }
      if (now >= nextReport) {
        nextReport += TimeUnit.SECONDS.toNanos(1);
        interval = stats.latency.getIntervalHistogram(interval);
        total.add(interval);
        lagInterval = stats.loopLag.getIntervalHistogram(lagInterval);
        lagTotal.add(lagInterval);
        referenceInterval = referenceStats.latency.getIntervalHistogram(referenceInterval);
        boolean inSteady = steadyBegun;
        if (steadyBegun) {
          steady.add(interval);
          referenceSteady.add(referenceInterval);
        } else if (steadyStart >= 0 && now >= steadyStart) {
          // The interval just read began before the window: the window starts with the next one.
          steadyBegun = true;
          steadyStart = now;
          steadyBytes0 = stats.rxBytes.sum();
          steadyFrames0 = frames();
          steadyMissing0 = stats.missing.sum();
        }
        long alive = subscribers.stream().filter(s -> s.alive(now, ALIVE_WINDOW_NANOS)).count();
        if (inSteady) {
          aliveMin = Math.min(aliveMin, alive);
        }
        long bytes = stats.rxBytes.sum();
        long frames = frames();
        long missing = stats.missing.sum();
        LatencySummary l = LatencySummary.of(interval);
        progress.accept(
            String.format(
                Locale.ROOT,
                "%4ds subs %d/%d ok %d fail %d alive %d | rx %.1f Mbit/s %d fr/s | missing +%d (%d)"
                    + " | lat ms p50 %.1f p99 %.1f max %.1f | ref p99 %.2f | gen lag max %.0f"
                    + " ms%s",
                Math.round((now - start) / 1e9),
                subscribers.size(),
                options.subscribers(),
                stats.subscribersConnected.sum() - stats.subscribersLost.sum(),
                stats.subscribersFailed.sum(),
                alive,
                (bytes - lastBytes) * 8 / 1e6,
                frames - lastFrames,
                missing - lastMissing,
                missing,
                l.p50(),
                l.p99(),
                l.max(),
                LatencySummary.of(referenceInterval).p99(),
                lagInterval.getMaxValue() / 1000.0,
                inSteady ? " [steady]" : ""));
        lastBytes = bytes;
        lastFrames = frames;
        lastMissing = missing;
      }
      long wake = Math.min(end, nextReport);
      if (subscribers.size() < options.subscribers()) {
        wake = Math.min(wake, now + TimeUnit.MILLISECONDS.toNanos(10));
      }
      long sleep = wake - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
    }
    long now = System.nanoTime();
    interval = stats.latency.getIntervalHistogram(interval);
    total.add(interval);
    boolean hadSteady = steadyBegun && now > steadyStart;
    referenceInterval = referenceStats.latency.getIntervalHistogram(referenceInterval);
    if (hadSteady) {
      steady.add(interval);
      referenceSteady.add(referenceInterval);
    }
    double steadySeconds = hadSteady ? (now - steadyStart) / 1e9 : 0;
    long alive = subscribers.stream().filter(s -> s.alive(now, ALIVE_WINDOW_NANOS)).count();
    return new LoadReport(
        options,
        source,
        (now - start) / 1e9,
        steadySeconds,
        (int) publishers.stream().filter(Publisher::connected).count(),
        stats.subscribersStarted.sum(),
        stats.subscribersConnected.sum(),
        stats.subscribersFailed.sum(),
        stats.subscribersLost.sum(),
        alive,
        aliveMin == Long.MAX_VALUE ? 0 : aliveMin,
        stats.rxBytes.sum(),
        stats.rxVideoFrames.sum(),
        stats.rxAudioFrames.sum(),
        stats.rxProbes.sum(),
        hadSteady ? (stats.rxBytes.sum() - steadyBytes0) / steadySeconds : 0,
        hadSteady ? (frames() - steadyFrames0) / steadySeconds : 0,
        stats.missing.sum(),
        hadSteady ? stats.missing.sum() - steadyMissing0 : 0,
        stats.missingVideo.sum(),
        stats.missingAudio.sum(),
        stats.outOfOrder.sum(),
        stats.txFrames.sum(),
        stats.txBytes.sum(),
        stats.txSkipped.sum(),
        LatencySummary.of(total),
        LatencySummary.of(steady),
        LatencySummary.of(lagTotal),
        LatencySummary.of(referenceSteady),
        reference.alive(now, ALIVE_WINDOW_NANOS),
        referenceStats.missing.sum(),
        stats.latencyClamped.sum(),
        stats.errors());
  }

  /**
   * Runs a timer on one event loop and records how late each run is: when the generator cannot keep
   * up, its loops run late and the latency it reports includes its own delay.
   */
  private void probeLoopLag(EventExecutor loop) {
    long[] last = {System.nanoTime()};
    loop.scheduleWithFixedDelay(
        () -> {
          long now = System.nanoTime();
          long late = now - last[0] - TimeUnit.MILLISECONDS.toNanos(LAG_PROBE_MILLIS);
          last[0] = now;
          stats.loopLag.recordValue(
              Math.min(LoadStats.MAX_LATENCY_MICROS, Math.max(0, late / 1000)));
        },
        LAG_PROBE_MILLIS,
        LAG_PROBE_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private long frames() {
    return stats.rxVideoFrames.sum() + stats.rxAudioFrames.sum();
  }

  private SyntheticStream synthetic() {
    return new SyntheticStream(
        options.bitrate(), options.fps(), options.keyframeInterval(), options.audio());
  }

  private AmfObject metadata() {
    AmfObject m = new AmfObject();
    m.put("width", 1280.0);
    m.put("height", 720.0);
    m.put("framerate", (double) options.fps());
    m.put("videocodecid", 7.0);
    m.put("videodatarate", options.bitrate() / 1000.0);
    if (options.audio()) {
      m.put("audiocodecid", 10.0);
      m.put("audiosamplerate", 44100.0);
      m.put("stereo", true);
    }
    m.put("encoder", "nimbus-bench");
    return m;
  }

  private List<FlvTag> readFlv() throws IOException {
    try (InputStream in = Files.newInputStream(options.flv())) {
      return FlvReader.readAll(in, MAX_FLV_TAG, MAX_FLV_BYTES);
    }
  }
}
