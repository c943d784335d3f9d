package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The RHello surplus budget: one second of its rate, refilled with time, replies within 1:1 free.
 */
class HelloBudgetTest {

  @Test
  void aFloodGetsOneSecondOfSurplusThenOnlyWhatItSent() {
    HelloBudget budget = new HelloBudget(1000, 0);
    int answered = 0;
    for (int i = 0; i < 1000; i++) {
      if (budget.spend(36, 180, 0)) {
        answered++;
      }
    }
    // 1000 bytes of surplus at 144 bytes each.
    assertTrue(answered == 6, "answered " + answered);
    assertTrue(budget.spend(180, 180, 0), "a reply no larger than its request costs nothing");
    assertTrue(budget.spend(200, 180, 0));
  }

  @Test
  void theBudgetRefillsAtItsRateUpToOneSecond() {
    HelloBudget budget = new HelloBudget(1000, 0);
    assertTrue(budget.spend(0, 1000, 0));
    assertFalse(budget.spend(0, 1, 0));
    // 143 ms at 1000 bytes/s: 143 bytes, one short of a 144-byte surplus.
    assertFalse(budget.spend(36, 180, 143));
    assertTrue(budget.spend(36, 180, 144));
    // Refills in 1 ms steps add up rather than rounding to nothing.
    for (long now = 145; now < 145 + 144; now++) {
      budget.spend(0, 0, now);
    }
    assertTrue(budget.spend(36, 180, 289));
    // A long quiet spell fills it to one second, not more.
    assertTrue(budget.spend(0, 1000, 100_000));
    assertFalse(budget.spend(0, 1, 100_000));
  }

  @Test
  void zeroRateAnswersOnlyRepliesNoLargerThanTheRequest() {
    HelloBudget budget = new HelloBudget(0, 0);
    assertFalse(budget.spend(36, 37, 10_000));
    assertTrue(budget.spend(180, 180, 10_000));
  }
}
