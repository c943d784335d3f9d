package org.nimbusmedia.bench.load;

import java.util.Locale;
import java.util.Map;

/**
 * What one run measured.
 *
 * @param options the settings of the run
 * @param source what the publishers sent
 * @param elapsedSeconds seconds from the first subscriber to the end
 * @param steadySeconds seconds of the steady window: from two seconds after the last subscriber
 *     attempt finished to the end (0 if the ramp never finished)
 * @param publishersConnected publishers still publishing at the end
 * @param subscribersStarted subscriber connections attempted
 * @param subscribersConnected subscribers that connected and started playing
 * @param subscribersFailed attempts that failed (connect, createStream or play)
 * @param subscribersLost subscribers whose connection closed before the end
 * @param subscribersAlive subscribers that received a frame in the last two seconds of the run
 * @param subscribersAliveMin fewest alive subscribers in any second of the steady window
 * @param rxBytes audio and video body bytes received by all subscribers
 * @param rxVideoFrames video messages received
 * @param rxAudioFrames audio messages received
 * @param rxProbes frames received that carried a probe
 * @param steadyRxBytesPerSecond body bytes per second received in the steady window
 * @param steadyRxFramesPerSecond frames per second received in the steady window
 * @param missing probed frames that never arrived (sequence gaps), all subscribers together
 * @param steadyMissing the part of {@code missing} found in the steady window
 * @param missingVideo the part of {@code missing} that was video
 * @param missingAudio the part of {@code missing} that was audio
 * @param outOfOrder probed frames that arrived at or below a sequence number already seen
 * @param txFrames frames the publishers sent
 * @param txBytes body bytes the publishers sent
 * @param txSkipped probed frames the publishers skipped because their connection was not writable
 * @param latency publisher-to-subscriber latency over the whole run
 * @param steadyLatency publisher-to-subscriber latency in the steady window
 * @param generatorLag how late the generator's event loops ran a 100 ms timer (its own saturation;
 *     high values mean the latency above is partly the generator's)
 * @param referenceLatency the reference player's latency in the steady window: one more player of
 *     the first stream, on an event loop of its own, so that the generator's own delay stays out
 * @param referenceAlive whether the reference player received a frame in the last two seconds
 * @param referenceMissing probed frames that never reached the reference player
 * @param latencyClamped samples above 60 s, recorded as 60 s
 * @param errors errors by message
 */
public record LoadReport(
    LoadOptions options,
    String source,
    double elapsedSeconds,
    double steadySeconds,
    int publishersConnected,
    long subscribersStarted,
    long subscribersConnected,
    long subscribersFailed,
    long subscribersLost,
    long subscribersAlive,
    long subscribersAliveMin,
    long rxBytes,
    long rxVideoFrames,
    long rxAudioFrames,
    long rxProbes,
    double steadyRxBytesPerSecond,
    double steadyRxFramesPerSecond,
    long missing,
    long steadyMissing,
    long missingVideo,
    long missingAudio,
    long outOfOrder,
    long txFrames,
    long txBytes,
    long txSkipped,
    LatencySummary latency,
    LatencySummary steadyLatency,
    LatencySummary generatorLag,
    LatencySummary referenceLatency,
    boolean referenceAlive,
    long referenceMissing,
    long latencyClamped,
    Map<String, Long> errors) {

  /** The report as one JSON object. */
  public String toJson() {
    StringBuilder errorsJson = new StringBuilder("{");
    errors.forEach(
        (k, v) -> {
          if (errorsJson.length() > 1) {
            errorsJson.append(", ");
          }
          errorsJson.append(quote(k)).append(": ").append(v);
        });
    errorsJson.append('}');
    return String.format(
        Locale.ROOT,
        "{\"url\": %s, \"source\": %s, \"subscribersTarget\": %d, \"publishersTarget\": %d,"
            + " \"rampPerSecond\": %d, \"durationSeconds\": %d, \"bitrate\": %d, \"fps\": %d,"
            + " \"elapsedSeconds\": %.1f, \"steadySeconds\": %.1f, \"publishersConnected\": %d,"
            + " \"subscribers\": {\"started\": %d, \"connected\": %d, \"failed\": %d, \"lost\": %d,"
            + " \"aliveAtEnd\": %d, \"aliveMinSteady\": %d},"
            + " \"received\": {\"bytes\": %d, \"videoFrames\": %d, \"audioFrames\": %d,"
            + " \"probes\": %d, \"steadyBytesPerSecond\": %.0f, \"steadyFramesPerSecond\": %.1f},"
            + " \"missing\": %d, \"steadyMissing\": %d, \"missingVideo\": %d, \"missingAudio\": %d, \"outOfOrder\": %d,"
            + " \"sent\": {\"frames\": %d, \"bytes\": %d, \"skipped\": %d},"
            + " \"latencyMs\": %s, \"steadyLatencyMs\": %s, \"generatorLagMs\": %s,"
            + " \"referencePlayer\": {\"steadyLatencyMs\": %s, \"alive\": %b, \"missing\": %d},"
            + " \"latencyClamped\": %d, \"errors\": %s}",
        quote(options.url().toString()),
        quote(source),
        options.subscribers(),
        options.publishers(),
        options.rampPerSecond(),
        options.duration().toSeconds(),
        options.bitrate(),
        options.fps(),
        elapsedSeconds,
        steadySeconds,
        publishersConnected,
        subscribersStarted,
        subscribersConnected,
        subscribersFailed,
        subscribersLost,
        subscribersAlive,
        subscribersAliveMin,
        rxBytes,
        rxVideoFrames,
        rxAudioFrames,
        rxProbes,
        steadyRxBytesPerSecond,
        steadyRxFramesPerSecond,
        missing,
        steadyMissing,
        missingVideo,
        missingAudio,
        outOfOrder,
        txFrames,
        txBytes,
        txSkipped,
        json(latency),
        json(steadyLatency),
        json(generatorLag),
        json(referenceLatency),
        referenceAlive,
        referenceMissing,
        latencyClamped,
        errorsJson);
  }

  private static String json(LatencySummary l) {
    return String.format(
        Locale.ROOT,
        "{\"count\": %d, \"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"max\": %.3f}",
        l.count(),
        l.p50(),
        l.p90(),
        l.p99(),
        l.max());
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The report as a plain-text table. */
  public String toTable() {
    StringBuilder t = new StringBuilder();
    row(t, "url", options.url().toString());
    row(t, "source", source);
    row(t, "elapsed / steady window", fmt("%.1f s / %.1f s", elapsedSeconds, steadySeconds));
    row(t, "publishers connected", publishersConnected + " of " + options.publishers());
    row(
        t,
        "subscribers started/connected",
        subscribersStarted + " / " + subscribersConnected + " of " + options.subscribers());
    row(t, "subscribers failed / lost", subscribersFailed + " / " + subscribersLost);
    row(t, "subscribers alive (end / min)", subscribersAlive + " / " + subscribersAliveMin);
    row(t, "received bytes", fmt("%d (%.1f MB)", rxBytes, rxBytes / 1e6));
    row(t, "received frames (video/audio)", rxVideoFrames + " / " + rxAudioFrames);
    row(
        t,
        "steady rate",
        fmt(
            "%.1f Mbit/s, %.0f frames/s",
            steadyRxBytesPerSecond * 8 / 1e6, steadyRxFramesPerSecond));
    row(
        t,
        "frames missing (steady) / out of order",
        missing + " (" + steadyMissing + ") / " + outOfOrder + " of " + rxProbes + " probed");
    row(t, "frames missing video / audio", missingVideo + " / " + missingAudio);
    row(t, "sent frames / bytes / skipped", txFrames + " / " + txBytes + " / " + txSkipped);
    row(t, "latency ms, whole run", latencyRow(latency));
    row(t, "latency ms, steady window", latencyRow(steadyLatency));
    row(t, "generator loop lag ms", latencyRow(generatorLag));
    row(t, "reference player latency, steady", latencyRow(referenceLatency));
    row(
        t,
        "reference player alive / missing",
        (referenceAlive ? "yes" : "NO") + " / " + referenceMissing);
    if (latencyClamped > 0) {
      row(t, "latency samples over 60 s", Long.toString(latencyClamped));
    }
    errors.forEach((k, v) -> row(t, "error x" + v, k));
    return t.toString();
  }

  private static String latencyRow(LatencySummary l) {
    return fmt(
        "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (n=%d)",
        l.p50(), l.p90(), l.p99(), l.max(), l.count());
  }

  private static void row(StringBuilder t, String name, String value) {
    t.append(String.format(Locale.ROOT, "%-32s %s%n", name, value));
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
