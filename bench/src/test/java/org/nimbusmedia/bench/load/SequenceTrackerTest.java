package org.nimbusmedia.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

  @Test
  void inOrderFromAnyStartMissesNothing() {
    SequenceTracker t = new SequenceTracker();
    for (long s = 1000; s < 1100; s++) {
      assertEquals(0, t.accept(s));
    }
    assertEquals(100, t.received());
    assertEquals(0, t.missing());
    assertEquals(0, t.outOfOrder());
  }

  @Test
  void countsEachGap() {
    SequenceTracker t = new SequenceTracker();
    t.accept(0);
    t.accept(1);
    assertEquals(3, t.accept(5));
    assertEquals(0, t.accept(6));
    assertEquals(1, t.accept(8));
    assertEquals(4, t.missing());
    assertEquals(5, t.received());
  }

  @Test
  void lateAndDuplicateFramesAreOutOfOrderNotMissing() {
    SequenceTracker t = new SequenceTracker();
    t.accept(10);
    t.accept(12);
    assertEquals(0, t.accept(11));
    assertEquals(0, t.accept(12));
    assertEquals(0, t.accept(13));
    assertEquals(1, t.missing());
    assertEquals(2, t.outOfOrder());
  }

  @Test
  void rejectsNegativeSequenceNumbers() {
    assertThrows(IllegalArgumentException.class, () -> new SequenceTracker().accept(-1));
  }
}
