package org.nimbusmedia.rtmfp.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;

class FlowTest {

  @Test
  void userDataFixtureWithMetadataAndReturnFlow() {
    // RFC 7016 section 2.3.11: flags 0x80 (OPT, whole), flow 2, seq 1, fsnOffset 1,
    // options 05 00 'TC' 04 00 (metadata) and 02 0a 01 (return flow 1), marker, data.
    byte[] body = Hex.bytes("80 | 02 01 01 | 05 00 54 43 04 00 | 02 0a 01 | 00 | 14 00");
    UserData u = UserData.decode(new Chunk(Chunk.USER_DATA, body), null);
    assertEquals(2, u.flowId());
    assertEquals(1, u.sequence());
    assertEquals(0, u.forwardSequence());
    assertEquals(
        List.of(
            new RtmfpOption(0x00, Hex.bytes("54 43 04 00")),
            new RtmfpOption(0x0a, Hex.bytes("01"))),
        u.options());
    assertArrayEquals(Hex.bytes("14 00"), u.data());
    assertArrayEquals(body, u.toChunk().body());
  }

  @Test
  void nextUserDataInheritsFromThePreviousChunk() {
    UserData first = UserData.decode(new Chunk(0x10, Hex.bytes("10 03 07 02 aa")), null);
    assertEquals(UserData.FRA_BEGIN, first.fragmentation());
    UserData next = UserData.decode(new Chunk(0x11, Hex.bytes("20 bb")), first);
    assertEquals(3, next.flowId());
    assertEquals(8, next.sequence());
    assertEquals(first.forwardSequence(), next.forwardSequence());
    assertEquals(UserData.FRA_END, next.fragmentation());
    assertThrows(
        MalformedException.class, () -> UserData.decode(new Chunk(0x11, Hex.bytes("00")), null));
    assertThrows(
        MalformedException.class,
        () -> UserData.decode(new Chunk(0x10, Hex.bytes("02 01 01 00 ff")), null));
    assertThrows(
        MalformedException.class,
        () -> UserData.decode(new Chunk(0x10, Hex.bytes("00 01 01 05")), null));
    assertThrows(
        MalformedException.class,
        () -> UserData.decode(new Chunk(0x10, Hex.bytes("80 01 01 00 05 00")), null));
  }

  @Test
  void ackRangesFixture() {
    // RFC 7016 section 2.3.14: flow 5, 16 blocks, cumulative 10, then holes 11-12 and
    // received 13-15, then hole 16 and received 17.
    byte[] body = Hex.bytes("05 10 0a | 01 02 | 00 00");
    AckRanges a = AckRanges.decode(body);
    assertEquals(10, a.cumulativeAck());
    assertEquals(List.of(new AckRanges.Range(13, 15), new AckRanges.Range(17, 17)), a.ranges());
    assertArrayEquals(body, a.toChunk().body());
  }

  @Test
  void bufferProbeAndFlowExceptionFixtures() {
    assertEquals(new Chunk(0x18, Hex.bytes("81 00")), FlowControlChunks.bufferProbe(128));
    Chunk e = FlowControlChunks.flowException(3, 7);
    assertEquals(new Chunk(0x5e, Hex.bytes("03 07")), e);
    assertEquals(3, FlowControlChunks.flowId(e));
    assertEquals(7, FlowControlChunks.exceptionCode(e));
  }

  @Test
  void senderFragmentsAndReceiverReassemblesOutOfOrder() {
    SendFlow send = new SendFlow(1, Hex.bytes("54 43 04 00"), -1, 0);
    byte[] message = new byte[2500];
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) (i * 31);
    }
    send.write(message, 1000, SendFlow.RELIABLE);
    send.write(new byte[] {7}, 1000, SendFlow.RELIABLE);
    List<UserData> out = drain(send, 0);
    assertEquals(4, out.size());
    assertEquals(UserData.FRA_BEGIN, out.get(0).fragmentation());
    assertEquals(UserData.FRA_MIDDLE, out.get(1).fragmentation());
    assertEquals(UserData.FRA_END, out.get(2).fragmentation());
    assertEquals(UserData.FRA_WHOLE, out.get(3).fragmentation());

    List<byte[]> got = new ArrayList<>();
    ReceiveFlow recv = new ReceiveFlow(1, Hex.bytes("54 43 04 00"), -1, 1 << 20, 1 << 20, got::add);
    recv.receive(out.get(3));
    recv.receive(out.get(1));
    AckRanges ack = recv.acknowledgement();
    assertEquals(0, ack.cumulativeAck());
    assertEquals(List.of(new AckRanges.Range(2, 2), new AckRanges.Range(4, 4)), ack.ranges());
    assertTrue(got.isEmpty());
    recv.receive(out.get(0));
    recv.receive(out.get(2));
    recv.receive(out.get(2));
    assertEquals(2, got.size());
    assertArrayEquals(message, got.get(0));
    assertArrayEquals(new byte[] {7}, got.get(1));
    assertEquals(4, recv.acknowledgement().cumulativeAck());

    SendFlow.AckResult r = send.acknowledge(recv.acknowledgement());
    assertEquals(2501, r.bytesAcked());
    assertTrue(send.idle());
  }

  @Test
  void lostFragmentIsResentAfterThreeLaterAcksOrTimeout() {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    for (int i = 0; i < 5; i++) {
      send.write(new byte[] {(byte) i}, 100, SendFlow.RELIABLE);
    }
    drain(send, 0);
    // Fragment 1 lost; each acknowledgement reports a later fragment.
    for (int last = 2; last <= 4; last++) {
      assertNull(send.poll(1, 1000, true));
      send.acknowledge(new AckRanges(1, 64, 0, List.of(new AckRanges.Range(2, last))));
    }
    UserData again = send.poll(2, 1000, true);
    assertEquals(1, again.sequence());
    // Fragment 5 was never acknowledged: resent after the timeout.
    assertNull(send.poll(3, 1000, true));
    assertEquals(5, send.poll(1001, 1000, true).sequence());
  }

  @Test
  void staleMessagesAreAbandonedAndTheReceiverSkipsThem() {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    send.write(new byte[3000], 1000, 100);
    send.write(new byte[] {42}, 1000, SendFlow.RELIABLE);
    List<UserData> first = drain(send, 0);
    assertEquals(4, first.size());
    // The end of the first message is lost and its deadline passes.
    UserData resent = send.poll(500, 200, true);
    assertTrue((resent.flags() & UserData.ABN) != 0);
    assertEquals(0, resent.dataLength());

    List<byte[]> got = new ArrayList<>();
    ReceiveFlow recv = new ReceiveFlow(1, new byte[0], -1, 1 << 20, 1 << 20, got::add);
    recv.receive(first.get(0));
    recv.receive(first.get(1));
    recv.receive(first.get(3));
    assertTrue(got.isEmpty());
    // The forward sequence number in a later chunk lets the receiver skip 1..3.
    UserData abandoned;
    do {
      abandoned = send.poll(600, 200, true);
      if (abandoned != null) {
        recv.receive(abandoned);
      }
    } while (abandoned != null);
    assertEquals(1, got.size());
    assertArrayEquals(new byte[] {42}, got.get(0));
    assertEquals(4, recv.acknowledgement().cumulativeAck());
    assertEquals(1, recv.abandonedMessages());
  }

  @Test
  void aFlowClosedAfterItsLastMessageWentEndsWithAnAbandonedFinThatDeliversNothing() {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    send.write(new byte[] {1, 2, 3, 4, 5}, 1000, SendFlow.RELIABLE);
    List<UserData> sent = drain(send, 0);
    send.close();
    List<UserData> end = drain(send, 1);

    assertEquals(1, end.size());
    UserData fin = end.get(0);
    assertEquals(UserData.FIN | UserData.ABN, fin.flags() & (UserData.FIN | UserData.ABN));
    assertEquals(0, fin.dataLength());
    List<byte[]> got = new ArrayList<>();
    ReceiveFlow recv = new ReceiveFlow(1, new byte[0], -1, 1 << 20, 1 << 20, got::add);
    sent.forEach(recv::receive);
    recv.receive(fin);
    assertEquals(1, got.size(), "the one message, and no empty one for the FIN");
    assertTrue(recv.finished());
    assertEquals(0, recv.abandonedMessages());
    assertEquals(2, recv.acknowledgement().cumulativeAck());

    send.acknowledge(new AckRanges(1, 64, 1, List.of()));
    UserData again = send.poll(2000, 1000, true);
    assertEquals(fin.sequence(), again.sequence(), "the FIN is resent until acknowledged");
    assertTrue((again.flags() & UserData.FIN) != 0);
  }

  @Test
  void anEmptyWholeFragmentWithFinEndsTheFlowWithoutAMessage() {
    // flags 0x01 (whole, FIN), flow 1, sequence 1, fsnOffset 1, no data: a FIN not marked
    // abandoned, as Nimbus sent it before.
    UserData fin = UserData.decode(new Chunk(Chunk.USER_DATA, Hex.bytes("01 01 01 01")), null);
    List<byte[]> got = new ArrayList<>();
    ReceiveFlow recv = new ReceiveFlow(1, new byte[0], -1, 1 << 20, 1 << 20, got::add);

    recv.receive(fin);

    assertTrue(got.isEmpty());
    assertTrue(recv.finished());
    assertEquals(1, recv.acknowledgement().cumulativeAck());
  }

  @Test
  void receiveWindowIsAdvertisedAndBounded() {
    List<byte[]> got = new ArrayList<>();
    ReceiveFlow recv = new ReceiveFlow(1, new byte[0], -1, 4096, 1 << 20, got::add);
    assertEquals(4, recv.acknowledgement().bufferBlocks());
    // Out-of-order fragments fill the buffer; one beyond the bound is refused.
    assertTrue(recv.receive(new UserData(0, 1, 2, 2, List.of(), new byte[2048])));
    assertTrue(recv.receive(new UserData(0, 1, 3, 3, List.of(), new byte[2048])));
    assertEquals(0, recv.acknowledgement().bufferBlocks());
    assertEquals(false, recv.receive(new UserData(0, 1, 4, 4, List.of(), new byte[10])));
    // The missing first fragment is always accepted and everything drains.
    assertTrue(recv.receive(new UserData(0, 1, 1, 1, List.of(), new byte[1])));
    assertEquals(3, got.size());
  }

  @Test
  void senderRespectsTheReceiveWindow() {
    SendFlow send = new SendFlow(1, new byte[0], -1, 0);
    send.acknowledge(new AckRanges(1, 1, 0, List.of()));
    send.write(new byte[800], 800, SendFlow.RELIABLE);
    send.write(new byte[800], 800, SendFlow.RELIABLE);
    UserData first = send.poll(0, 1000, true);
    assertEquals(1, first.sequence());
    // 1024 bytes of window: the second fragment waits for the acknowledgement.
    assertNull(send.poll(0, 1000, true));
    send.acknowledge(new AckRanges(1, 1, 1, List.of()));
    assertEquals(2, send.poll(0, 1000, true).sequence());
  }

  private static List<UserData> drain(SendFlow send, long now) {
    List<UserData> out = new ArrayList<>();
    UserData u;
    while ((u = send.poll(now, 1000, true)) != null) {
      out.add(u);
    }
    return out;
  }
}
