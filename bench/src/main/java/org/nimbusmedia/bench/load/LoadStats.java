package org.nimbusmedia.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Counters shared by all publishers and subscribers of one run; written from the event loops. */
final class LoadStats {

  /** Latencies above this are recorded as this (and counted in {@link #latencyClamped}). */
  static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);

  /** At most this many distinct error messages are kept. */
  static final int MAX_ERROR_KINDS = 32;

  final LongAdder subscribersStarted = new LongAdder();
  final LongAdder subscribersConnected = new LongAdder();
  final LongAdder subscribersFailed = new LongAdder();
  final LongAdder subscribersLost = new LongAdder();
  final LongAdder rxBytes = new LongAdder();
  final LongAdder rxVideoFrames = new LongAdder();
  final LongAdder rxAudioFrames = new LongAdder();
  final LongAdder rxProbes = new LongAdder();
  final LongAdder missing = new LongAdder();
  final LongAdder missingVideo = new LongAdder();
  final LongAdder missingAudio = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder latencyClamped = new LongAdder();
  final LongAdder txFrames = new LongAdder();
  final LongAdder txBytes = new LongAdder();
  final LongAdder txSkipped = new LongAdder();
  final Recorder latency = new Recorder(MAX_LATENCY_MICROS, 3);

  /** How late the generator's own event loops run a timer, in microseconds: its own saturation. */
  final Recorder loopLag = new Recorder(MAX_LATENCY_MICROS, 3);

  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  void recordLatency(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    if (micros > MAX_LATENCY_MICROS) {
      latencyClamped.increment();
      micros = MAX_LATENCY_MICROS;
    }
    latency.recordValue(micros);
  }

  /** Counts an error by its message; beyond {@link #MAX_ERROR_KINDS} kinds, under "other". */
  void recordError(String what, Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && (cause instanceof CompletionException || cause.getMessage() == null)) {
      cause = cause.getCause();
    }
    String key = what + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (errors.size() >= MAX_ERROR_KINDS && !errors.containsKey(key)) {
      key = "other";
    }
    errors.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The errors seen, by message. */
  Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
