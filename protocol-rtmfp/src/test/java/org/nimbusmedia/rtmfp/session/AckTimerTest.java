package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Delayed acknowledgements (RFC 7016 section 3.6.3.4). */
class AckTimerTest {

  @Test
  void oneInOrderPacketWaitsUpTo200MsUnlessSomethingElseLeaves() {
    AckTimer timer = new AckTimer();
    assertFalse(timer.due(0, true), "nothing to acknowledge");
    timer.received(1000, false);
    assertFalse(timer.due(1000, false));
    assertFalse(timer.due(1199, false));
    assertTrue(timer.due(1000, true), "rides on a packet that leaves anyway");
    assertTrue(timer.due(1200, false));
    timer.sent();
    assertFalse(timer.due(5000, true));
  }

  @Test
  void everySecondPacketIsAcknowledgedAtOnce() {
    AckTimer timer = new AckTimer();
    timer.received(0, false);
    timer.received(1, false);
    assertTrue(timer.due(1, false));
  }

  @Test
  void gapsFinsAndProbesAreAcknowledgedAtOnce() {
    AckTimer timer = new AckTimer();
    timer.received(0, true);
    assertTrue(timer.due(0, false));
    timer.sent();
    timer.urgent();
    assertTrue(timer.due(0, false));
  }
}
