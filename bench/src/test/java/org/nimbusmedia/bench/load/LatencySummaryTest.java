package org.nimbusmedia.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentilesOfOneToOneThousandMilliseconds() {
    Histogram h = new Histogram(LoadStats.MAX_LATENCY_MICROS, 3);
    for (int ms = 1000; ms >= 1; ms--) {
      h.recordValue(ms * 1000L);
    }
    LatencySummary s = LatencySummary.of(h);
    assertEquals(1000, s.count());
    // three significant digits: within 0.1 % of the exact rank
    assertEquals(500, s.p50(), 0.5);
    assertEquals(900, s.p90(), 0.9);
    assertEquals(990, s.p99(), 1.0);
    assertEquals(1000, s.max(), 1.0);
  }

  @Test
  void oneSlowSampleShowsOnlyAtTheTop() {
    Histogram h = new Histogram(LoadStats.MAX_LATENCY_MICROS, 3);
    for (int i = 0; i < 999; i++) {
      h.recordValue(2_000);
    }
    h.recordValue(400_000);
    LatencySummary s = LatencySummary.of(h);
    assertEquals(2.0, s.p99(), 0.01);
    assertEquals(400.0, s.max(), 0.5);
  }

  @Test
  void emptyHistogramGivesZeros() {
    assertEquals(
        LatencySummary.EMPTY, LatencySummary.of(new Histogram(LoadStats.MAX_LATENCY_MICROS, 3)));
  }

  @Test
  void statsClampLatencyAboveTheMaximum() {
    LoadStats stats = new LoadStats();
    stats.recordLatency(-5);
    stats.recordLatency(3_600_000_000_000L);
    Histogram h = stats.latency.getIntervalHistogram();
    assertEquals(2, h.getTotalCount());
    assertEquals(1, stats.latencyClamped.sum());
    assertEquals(0, h.getMinValue());
  }
}
