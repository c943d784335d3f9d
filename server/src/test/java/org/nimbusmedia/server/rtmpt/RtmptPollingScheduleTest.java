package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polling-interval byte (fms4.md section 3): backs off while idle, minimum when data flows. */
class RtmptPollingScheduleTest {
  private final PollingSchedule schedule = new PollingSchedule();

  @Test
  void backsOffEveryTenEmptyRepliesUpToTheCeiling() {
    List<Integer> bytes = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      bytes.add(schedule.emptyReply());
    }

    for (int step = 0; step < 6; step++) {
      for (int i = 0; i < 10; i++) {
        assertEquals(PollingSchedule.STEPS[step], bytes.get(step * 10 + i), "reply " + i);
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
}
