package org.nimbusmedia.rtmfp.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;

/**
 * How a send flow fills packets and what it does with lost fragments: sized to the packet, kept for
 * the next packet when they do not fit, and sent again only as congestion control allows.
 */
class SendFlowPacingTest {
  private static final long RTO = 1000;

  /** What a 1192-byte packet leaves for chunks after its 5-byte header. */
  private static final int PACKET_ROOM = 1187;

  @Test
  void fragmentsAreSizedToFillThePacket() {
    // Metadata and a return flow association: the options every fragment carries until acked.
    SendFlow send = new SendFlow(3, Hex.bytes("54 43 04 00"), 1, 0);
    int fragment = send.largestFragment(PACKET_ROOM);
    send.write(new byte[10_000], fragment, SendFlow.RELIABLE);

    List<UserData> sent = drain(send, 0, PACKET_ROOM);

    assertEquals((10_000 + fragment - 1) / fragment, sent.size());
    for (UserData u : sent) {
      assertEquals(u.toChunk().encodedSize(), u.encodedSize());
      assertTrue(u.encodedSize() <= PACKET_ROOM, u.encodedSize() + " bytes");
    }
    // Only the VLU reserve for sequence numbers far beyond these is left unused.
    assertTrue(sent.get(0).encodedSize() > PACKET_ROOM - 20, sent.get(0).encodedSize() + " bytes");
  }

  @Test
  void aFragmentTooBigForWhatIsLeftWaitsForTheNextPacket() {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    send.write(new byte[500], 1000, SendFlow.RELIABLE);

    assertNull(send.poll(0, RTO, true, 100));
    assertEquals(0, send.bytesInFlight());
    assertTrue(send.hasUnsent());

    UserData u = send.poll(0, RTO, true, PACKET_ROOM);
    assertEquals(1, u.sequence());
    assertEquals(500, send.bytesInFlight());
  }

  @Test
  void aFragmentReportedMissingLeavesTheFlightAndIsResentWithinTheWindow() {
    SendFlow send = inFlight(5);
    assertEquals(500, send.bytesInFlight());

    // Fragment 1 lost: three acknowledgements report later fragments (RFC 7016 section 3.6.2.4).
    boolean loss = false;
    for (int last = 2; last <= 4; last++) {
      loss =
          send.acknowledge(new AckRanges(1, 64, 0, List.of(new AckRanges.Range(2, last))))
              .lossDetected();
    }
    assertTrue(loss);
    assertEquals(100, send.bytesInFlight(), "only fragment 5 is still in flight");

    assertNull(send.poll(1, RTO, false), "the resend waits for the congestion window");
    assertEquals(1, send.poll(1, RTO, true).sequence());
    assertEquals(200, send.bytesInFlight());
  }

  @Test
  void aSessionTimeoutDeclaresEverythingInFlightLost() {
    SendFlow send = inFlight(3);

    send.timedOut();

    assertEquals(0, send.bytesInFlight());
    assertNull(send.poll(1, RTO, false));
    List<Long> resent = new ArrayList<>();
    for (UserData u : drain(send, 1, PACKET_ROOM)) {
      resent.add(u.sequence());
    }
    assertEquals(List.of(1L, 2L, 3L), resent);
    assertEquals(300, send.bytesInFlight());
  }

  @Test
  void aLostFragmentPastItsDeadlineIsAbandonedWithoutWaitingForTheWindow() {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    send.write(new byte[100], 100, 50);
    drain(send, 0, PACKET_ROOM);
    send.timedOut();

    UserData notice = send.poll(100, RTO, false);

    assertTrue((notice.flags() & UserData.ABN) != 0);
    assertEquals(0, notice.dataLength());
    assertEquals(0, send.bytesInFlight());
    assertFalse(send.hasUnsent());
  }

  @Test
  void anAcknowledgementOfDataDeclaredLostShowsTheTimeoutWasSpurious() {
    SendFlow send = inFlight(3);
    send.timedOut();

    SendFlow.AckResult result = send.acknowledge(new AckRanges(1, 64, 1, List.of()));
    assertTrue(result.lostDataArrived());
    send.timeoutWasSpurious();

    assertEquals(200, send.bytesInFlight(), "fragments 2 and 3 are in flight again");
    assertNull(send.poll(1, RTO, true), "and are not resent");
  }

  /** A flow that has sent {@code fragments} fragments of 100 bytes at time 0. */
  private static SendFlow inFlight(int fragments) {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    for (int i = 0; i < fragments; i++) {
      send.write(new byte[100], 100, SendFlow.RELIABLE);
    }
    drain(send, 0, PACKET_ROOM);
    return send;
  }

  private static List<UserData> drain(SendFlow send, long now, int room) {
    List<UserData> out = new ArrayList<>();
    UserData u;
    while ((u = send.poll(now, RTO, true, room)) != null) {
      out.add(u);
    }
    return out;
  }
}
