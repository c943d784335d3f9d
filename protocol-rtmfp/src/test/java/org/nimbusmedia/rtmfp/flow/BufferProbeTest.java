package org.nimbusmedia.rtmfp.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A closed receive window stops new data and Buffer Probes ask until it reopens. */
class BufferProbeTest {
  private static final long RTO = 250;

  @Test
  void closedWindowStopsDataAndIsProbedOncePerTimeout() {
    SendFlow send = new SendFlow(7, new byte[] {'T', 'C', 4, 0}, -1, 0);
    send.write(new byte[100], 1000, SendFlow.RELIABLE);
    send.write(new byte[100], 1000, SendFlow.RELIABLE);
    assertNotNull(send.poll(0, RTO, true));
    // The receiver takes the first fragment but has no buffer left (RFC 7016 section 3.6.3.5).
    send.acknowledge(new AckRanges(7, 0, 1, List.of()));

    assertNull(send.poll(10, RTO, true), "no new data into a closed window");
    assertTrue(send.probeDue(10, RTO));
    assertFalse(send.probeDue(10 + RTO - 1, RTO), "one probe per timeout");
    assertTrue(send.probeDue(10 + RTO, RTO));

    send.acknowledge(new AckRanges(7, 4, 1, List.of()));
    assertFalse(send.probeDue(10_000, RTO), "an open window needs no probe");
    UserData next = send.poll(10_000, RTO, true);
    assertEquals(2, next.sequence());
  }

  @Test
  void noProbeBeforeTheFirstAcknowledgementOrWithNothingWaiting() {
    SendFlow send = new SendFlow(7, new byte[] {'T', 'C', 4, 0}, -1, 0);
    assertFalse(send.probeDue(0, RTO));
    send.write(new byte[100], 1000, SendFlow.RELIABLE);
    assertFalse(send.probeDue(0, RTO), "the initial window is assumed open");
    send.poll(0, RTO, true);
    send.acknowledge(new AckRanges(7, 0, 1, List.of()));
    assertFalse(send.probeDue(RTO * 10, RTO), "nothing waits");
  }

  @Test
  void mediaWithADeadlineMakesTheFlowTimeCritical() {
    SendFlow send = new SendFlow(7, new byte[] {'T', 'C', 4, 1}, -1, 1);
    assertFalse(send.timeCritical());
    send.write(new byte[10], 1000, 5000);
    assertTrue(send.timeCritical());
  }
}
