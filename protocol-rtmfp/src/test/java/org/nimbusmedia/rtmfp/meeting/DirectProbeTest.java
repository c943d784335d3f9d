package org.nimbusmedia.rtmfp.meeting;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DirectProbeTest {
  private static final long MS = 1_000_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final DirectProbe probe = new DirectProbe();

  /** Messages every 40 ms (25 fps) from {@code start}; returns the time of the last. */
  private long flow(long start, int count) {
    long t = start;
    for (int i = 0; i < count; i++) {
      t = start + i * 40 * MS;
      probe.arrived(t);
    }
    return t;
  }

  @Test
  void aStreamPlaysAfterARunOfMessages() {
    probe.restart(0);
    flow(10 * MS, DirectProbe.PLAYING_RUN - 1);
    assertFalse(probe.playing());
    probe.arrived((10 + 40 * (DirectProbe.PLAYING_RUN - 1)) * MS);
    assertTrue(probe.playing());
  }

  @Test
  void aStallBreaksTheRun() {
    probe.restart(0);
    long last = flow(0, DirectProbe.PLAYING_RUN - 1);
    long afterStall = last + DirectProbe.STALL.toNanos() + MS;
    flow(afterStall, DirectProbe.PLAYING_RUN - 1);
    assertFalse(probe.playing(), "one message then a stall, as a waking session does");
    probe.arrived(afterStall + 40 * (DirectProbe.PLAYING_RUN - 1) * MS);
    assertTrue(probe.playing());
  }

  @Test
  void aRestartForgetsWhatCameBefore() {
    probe.restart(0);
    long last = flow(0, DirectProbe.PLAYING_RUN);
    assertTrue(probe.playing());
    probe.restart(last + MS);
    assertFalse(probe.playing());
  }

  @Test
  void silenceCountsFromTheRestartOrTheLastMessage() {
    probe.restart(100 * MS);
    assertFalse(probe.silent(100 * MS + TIMEOUT.toNanos(), TIMEOUT));
    assertTrue(probe.silent(100 * MS + TIMEOUT.toNanos() + 1, TIMEOUT));
    probe.arrived(2000 * MS);
    assertFalse(probe.silent(2000 * MS + TIMEOUT.toNanos(), TIMEOUT));
    assertTrue(probe.silent(2000 * MS + TIMEOUT.toNanos() + 1, TIMEOUT));
  }
}
