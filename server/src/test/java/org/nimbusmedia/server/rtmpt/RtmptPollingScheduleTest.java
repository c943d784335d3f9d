package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polling-interval byte (fms4.md section 3): backs off while idle, minimum when data flows. */
class RtmptPollingScheduleTest {
  private static final List<Integer> DEFAULT_STEPS = List.of(0x01, 0x03, 0x05, 0x09, 0x11, 0x21);
  private final PollingSchedule schedule = new PollingSchedule(DEFAULT_STEPS, 10);

  @Test
  void backsOffEveryTenEmptyRepliesUpToTheCeiling() {
    List<Integer> bytes = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      bytes.add(schedule.emptyReply());
    }

    for (int step = 0; step < 6; step++) {
      for (int i = 0; i < 10; i++) {
        assertEquals(DEFAULT_STEPS.get(step), bytes.get(step * 10 + i), "reply " + i);
      }
    }
    assertEquals(0x21, bytes.get(69), "0x21 is the ceiling, about 512 ms");
  }

  @Test
  void dataDropsTheIntervalToTheMinimumAndRestartsTheBackOff() {
    for (int i = 0; i < 35; i++) {
      schedule.emptyReply();
    }
    assertEquals(0x09, schedule.emptyReply());

    assertEquals(0x01, schedule.dataFlowed());
    for (int i = 0; i < 10; i++) {
      assertEquals(0x01, schedule.emptyReply());
    }
    assertEquals(0x03, schedule.emptyReply());
  }

  @Test
  void configuredStepsAndPaceAreFollowed() {
    PollingSchedule configured = new PollingSchedule(List.of(2, 40), 3);

    assertEquals(
        List.of(2, 2, 2, 40, 40),
        List.of(
            configured.emptyReply(),
            configured.emptyReply(),
            configured.emptyReply(),
            configured.emptyReply(),
            configured.emptyReply()));
    assertEquals(2, configured.dataFlowed());
  }
}
