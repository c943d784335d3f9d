package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The congestion window of RFC 7016 Appendix A, step by step. */
class CongestionControlTest {
  private static final long MSS = 1192;

  @Test
  void startsAtThreePacketsAndSlowStartsByTheBytesAcknowledgedUpToAPacketPerAck() {
    CongestionControl cc = new CongestionControl(MSS);
    assertEquals(3 * MSS, cc.window());
    cc.acknowledged(1000, false, 3 * MSS, false);
    assertEquals(3 * MSS + 1000, cc.window());
    cc.acknowledged(5000, false, cc.window(), false);
    assertEquals(4 * MSS + 1000, cc.window());
  }

  @Test
  void timeCriticalSlowStartGrowsByAQuarter() {
    CongestionControl cc = new CongestionControl(MSS);
    cc.acknowledged(1000, false, 3 * MSS, true);
    assertEquals(3 * MSS + 250, cc.window());
  }

  @Test
  void anUnusedWindowDoesNotGrowAndDecaysWhenSixPacketsAboveUse() {
    CongestionControl cc = new CongestionControl(MSS);
    for (int i = 0; i < 20; i++) {
      cc.acknowledged(MSS, false, 3 * MSS, false);
    }
    assertEquals(4 * MSS, cc.window(), "grew only while the window was in use");
    cc = grown(20 * MSS);
    long grown = cc.window();
    cc.acknowledged(MSS, false, 0, false);
    assertEquals(grown - 1, cc.window());
  }

  @Test
  void lossHalvesWhatWasInFlightButOnlyAnEighthWithTimeCriticalData() {
    CongestionControl bulk = grown(80_000);
    bulk.acknowledged(0, true, 64_000, false);
    assertEquals(32_000, bulk.window());
    assertEquals(32_000, bulk.slowStartThreshold());

    CongestionControl media = grown(80_000);
    media.acknowledged(0, true, 64_000, true);
    assertEquals(56_000, media.window());
  }

  @Test
  void congestionAvoidanceAdds24BytesPerSixteenthOfTheWindowAcknowledged() {
    CongestionControl cc = grown(32_000);
    cc.acknowledged(0, true, 32_000, false);
    long window = cc.window();
    assertEquals(16_000, window);
    cc.acknowledged(1000, false, window, false);
    assertEquals(window + 24, cc.window());
    // The step is now (window + 24) / 16 = 1001 bytes: 1100 bytes make one step, 48 with TC data.
    cc.acknowledged(1100, false, cc.window(), true);
    assertEquals(window + 24 + 48, cc.window());
  }

  @Test
  void aTimeoutKeepsThreeQuartersAsThresholdAndRestartsAtTwoPackets() {
    CongestionControl cc = grown(40_000);
    cc.acknowledged(0, true, 40_000, false);
    long before = cc.window();
    cc.timedOut(true);
    assertEquals(2 * MSS, cc.window());
    assertTrue(cc.slowStartThreshold() >= before * 3 / 4);
    cc.timedOut(false);
    assertEquals(3 * MSS, cc.window());
  }

  @Test
  void aTimeoutThatDataDeclaredLostProvesSpuriousIsUndone() {
    CongestionControl cc = grown(40_000);
    cc.acknowledged(0, true, 40_000, false);
    long window = cc.window();
    long threshold = cc.slowStartThreshold();
    cc.timedOut(true);
    cc.timedOut(true);
    assertEquals(2 * MSS, cc.window());

    cc.timeoutWasSpurious();

    assertEquals(window, cc.window());
    assertEquals(threshold, cc.slowStartThreshold());
  }

  @Test
  void aLossAfterTheTimeoutRulesOutTheUndo() {
    CongestionControl cc = grown(40_000);
    cc.timedOut(true);
    cc.acknowledged(0, true, 2 * MSS, false);
    long afterLoss = cc.window();

    cc.timeoutWasSpurious();

    assertEquals(afterLoss, cc.window());
  }

  private static CongestionControl grown(long target) {
    CongestionControl cc = new CongestionControl(MSS);
    while (cc.window() < target) {
      cc.acknowledged(MSS, false, cc.window(), false);
    }
    return cc;
  }
}
