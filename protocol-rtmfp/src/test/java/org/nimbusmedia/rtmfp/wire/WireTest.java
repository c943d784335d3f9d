package org.nimbusmedia.rtmfp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;

class WireTest {

  @Test
  void vluRoundTripsAndMatchesRfc7016Section2_1_2() {
    assertArrayEquals(Hex.bytes("00"), Vlu.encode(0));
    assertArrayEquals(Hex.bytes("7f"), Vlu.encode(127));
    assertArrayEquals(Hex.bytes("81 02"), Vlu.encode(130));
    assertArrayEquals(Hex.bytes("81 80 00"), Vlu.encode(1 << 14));
    for (long v : new long[] {0, 1, 127, 128, 16383, 16384, 1L << 31, (1L << 56) - 1}) {
      WireReader r = new WireReader(Vlu.encode(v));
      assertEquals(v, r.vlu());
      assertEquals(0, r.remaining());
      assertEquals(Vlu.encode(v).length, Vlu.size(v));
    }
  }

  @Test
  void vluIsBounded() {
    assertThrows(MalformedException.class, () -> new WireReader(Hex.bytes("81")).vlu());
    assertThrows(
        MalformedException.class,
        () -> new WireReader(Hex.bytes("ff ff ff ff ff ff ff ff 01")).vlu());
    assertThrows(
        MalformedException.class, () -> new WireReader(Hex.bytes("81 02")).vluBounded(129));
  }

  @Test
  void readsPastTheEndFail() {
    WireReader r = new WireReader(Hex.bytes("01 02 03"));
    assertThrows(MalformedException.class, r::u32);
    assertThrows(MalformedException.class, () -> r.bytes(4));
    assertThrows(
        MalformedException.class, () -> new WireReader(Hex.bytes("05 02 03")).vluPrefixed(100));
  }

  @Test
  void optionListStopsAtMarker() {
    // RFC 7016 section 2.1.3: length | type | value; a zero length is a marker.
    byte[] list = Hex.bytes("02 15 02 | 03 1a 02 0a | 00 | 02 1e 02");
    WireReader r = new WireReader(list);
    RtmfpOption.OptionList parsed = RtmfpOption.parseList(r, true);
    assertTrue(parsed.markerSeen());
    assertEquals(2, parsed.options().size());
    assertArrayEquals(Hex.bytes("02"), parsed.first(0x15).value());
    assertArrayEquals(Hex.bytes("02 0a"), parsed.first(0x1a).value());
    assertEquals(3, r.remaining());

    RtmfpOption.OptionList all = RtmfpOption.parseList(new WireReader(list), false);
    assertEquals(3, all.options().size());
  }

  @Test
  void optionOverrunIsMalformed() {
    assertThrows(
        MalformedException.class,
        () -> RtmfpOption.parseList(new WireReader(Hex.bytes("05 15 02")), false));
  }

  @Test
  void optionWriterRoundTrips() {
    byte[] key = new byte[128];
    key[0] = 1;
    byte[] encoded = new WireWriter().option(0x1d, concat(Hex.bytes("02"), key)).toByteArray();
    // 130 bytes of type+value: VLU 81 02, type 1d, group 02 (RFC 7425 section 4.3.1).
    assertArrayEquals(Hex.bytes("81 02 1d 02"), java.util.Arrays.copyOf(encoded, 4));
    RtmfpOption o = RtmfpOption.parseList(new WireReader(encoded), false).options().get(0);
    assertEquals(0x1d, o.type());
    assertEquals(129, o.value().length);
  }

  @Test
  void addressFixture() {
    // RFC 7016 section 2.1.5: flags (origin 2 = observed), IPv4, port 1935.
    byte[] fixture = Hex.bytes("02 | 7f 00 00 01 | 07 8f");
    RtmfpAddress a = RtmfpAddress.read(new WireReader(fixture));
    assertEquals(new InetSocketAddress("127.0.0.1", 1935), a.address());
    assertEquals(RtmfpAddress.ORIGIN_OBSERVED, a.origin());
    WireWriter w = new WireWriter();
    a.write(w);
    assertArrayEquals(fixture, w.toByteArray());

    byte[] v6 = Hex.bytes("81 | 00000000000000000000000000000001 | 00 50");
    RtmfpAddress b = RtmfpAddress.read(new WireReader(v6));
    assertEquals(80, b.address().getPort());
    assertEquals(16, b.address().getAddress().getAddress().length);
  }

  @Test
  void packetFixtureWithTimestampsAndPadding() {
    // RFC 7016 section 2.2.4: flags 0x8d = TC | TS | TSE | initiator, ts, echo, a ping chunk,
    // then 0xFF padding.
    byte[] fixture = Hex.bytes("8d | 12 34 | 56 78 | 01 00 02 aa bb | ff ff ff");
    Packet p = Packet.read(new WireReader(fixture));
    assertEquals(Packet.MODE_INITIATOR, p.mode());
    assertEquals(0x1234, p.timestamp());
    assertEquals(0x5678, p.timestampEcho());
    assertEquals(List.of(new Chunk(Chunk.PING, Hex.bytes("aa bb"))), p.chunks());
    WireWriter w = new WireWriter();
    p.write(w);
    assertArrayEquals(java.util.Arrays.copyOf(fixture, 10), w.toByteArray());
    assertEquals(10, p.encodedSize());
  }

  @Test
  void packetFlagsFollowOptionalFields() {
    Packet p = new Packet(0x80 | Packet.MODE_RESPONDER | Packet.FLAG_TSE, -1, -1, List.of());
    assertEquals(0x82, p.flags());
    assertFalse((p.flags() & Packet.FLAG_TSE) != 0);
  }

  @Test
  void chunkOverrunIsMalformedAndShortTailIsIgnored() {
    assertThrows(
        MalformedException.class,
        () -> Packet.read(new WireReader(Hex.bytes("0b 00 01 | 30 00 09 00 00"))));
    Packet p = Packet.read(new WireReader(Hex.bytes("0b 00 01 | 30 00")));
    assertTrue(p.chunks().isEmpty());
  }

  @Test
  void everyTruncationOfAPacketIsHandled() {
    byte[] fixture = Hex.bytes("8d 12 34 56 78 01 00 02 aa bb 41 00 01 cc");
    for (int n = 0; n <= fixture.length; n++) {
      WireReader r = new WireReader(fixture, 0, n);
      try {
        Packet p = Packet.read(r);
        assertTrue(p.chunks().size() <= 2);
      } catch (MalformedException expected) {
        // A truncated header or chunk is reported, never an index error.
      }
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
