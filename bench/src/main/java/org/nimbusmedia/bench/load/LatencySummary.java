package org.nimbusmedia.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram recorded in microseconds, in milliseconds.
 *
 * @param count samples
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest sample
 */
public record LatencySummary(long count, double p50, double p90, double p99, double max) {

  /** Nothing recorded. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

  /** Reads the percentiles of a histogram of microseconds (HdrHistogram, 3 significant digits). */
  public static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(90)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getMaxValue()));
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
