package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.rtmpt.SequenceWindow.Verdict;

/** Requests in flight on several connections arrive out of order (fms4.md section 3). */
class RtmptSequenceWindowTest {
  private final List<String> ready = new ArrayList<>();
  private final SequenceWindow<String> window = new SequenceWindow<>(4);

  @Test
  void theFirstRequestSetsTheBase() {
    assertEquals(Verdict.READY, window.offer(0, "a", ready::add));
    assertEquals(Verdict.READY, window.offer(1, "b", ready::add));

    assertEquals(List.of("a", "b"), ready);
  }

  @Test
  void aBaseOtherThanZeroIsAccepted() {
    assertEquals(Verdict.READY, window.offer(1, "a", ready::add));
    assertEquals(Verdict.READY, window.offer(2, "b", ready::add));

    assertEquals(List.of("a", "b"), ready);
  }

  @Test
  void laterRequestsWaitForTheMissingOneThenFollowInOrder() {
    window.offer(0, "a", ready::add);

    assertEquals(Verdict.PARKED, window.offer(3, "d", ready::add));
    assertEquals(Verdict.PARKED, window.offer(2, "c", ready::add));
    assertTrue(window.hasGap());
    assertEquals(List.of("a"), ready);

    assertEquals(Verdict.READY, window.offer(1, "b", ready::add));
    assertEquals(List.of("a", "b", "c", "d"), ready);
    assertFalse(window.hasGap());
  }

  @Test
  void repeatsAreStaleAndNotHandedOverAgain() {
    window.offer(0, "a", ready::add);
    window.offer(2, "c", ready::add);

    assertEquals(Verdict.STALE, window.offer(0, "a again", ready::add));
    assertEquals(Verdict.STALE, window.offer(2, "c again", ready::add));
    assertEquals(List.of("a"), ready);
  }

  @Test
  void requestsTooFarAheadAreRefused() {
    window.offer(0, "a", ready::add);

    assertEquals(Verdict.PARKED, window.offer(5, "f", ready::add));
    assertEquals(Verdict.TOO_FAR, window.offer(6, "g", ready::add));
    assertEquals(Verdict.TOO_FAR, window.offer(Integer.MAX_VALUE, "z", ready::add));
  }

  @Test
  void drainEmptiesTheParkedRequestsLowestFirst() {
    window.offer(0, "a", ready::add);
    window.offer(3, "d", ready::add);
    window.offer(2, "c", ready::add);

    assertEquals(List.of("c", "d"), window.drain());
    assertFalse(window.hasGap());
  }
}
