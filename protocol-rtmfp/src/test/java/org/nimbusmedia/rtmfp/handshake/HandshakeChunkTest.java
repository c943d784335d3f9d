package org.nimbusmedia.rtmfp.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;

class HandshakeChunkTest {
  private static final String TAG = "000102030405060708090a0b0c0d0e0f";

  @Test
  void ihelloForAServerCarriesAncillaryData() {
    // RFC 7016 section 2.3.2 / RFC 7425 section 4.4.2: VLU epdLength | 05 0a "live" | tag.
    byte[] body = Hex.bytes("06 | 05 0a 6c 69 76 65 | " + TAG);
    IHello hello = IHello.decode(body);
    assertArrayEquals(Hex.bytes(TAG), hello.tag());
    assertEquals("live", FlashProfile.parseEpd(hello.epd()).ancillary());
    assertNull(FlashProfile.parseEpd(hello.epd()).fingerprint());
    assertArrayEquals(FlashProfile.serverEpd("live"), hello.epd());
    assertEquals(new Chunk(0x30, body), hello.toChunk());
  }

  @Test
  void ihelloForAPeerCarriesTheFingerprint() {
    // RFC 7425 section 4.4.4: 21 0f <32-byte peer ID>.
    String id = "aa".repeat(32);
    byte[] body = Hex.bytes("22 | 21 0f " + id + " | " + TAG);
    IHello hello = IHello.decode(body);
    assertArrayEquals(Hex.bytes(id), FlashProfile.parseEpd(hello.epd()).fingerprint());
    assertArrayEquals(FlashProfile.peerEpd(Hex.bytes(id)), hello.epd());
  }

  @Test
  void ihelloBounds() {
    assertThrows(MalformedException.class, () -> IHello.decode(Hex.bytes("06 05 0a 6c")));
    assertThrows(MalformedException.class, () -> IHello.decode(Hex.bytes("00")));
    assertThrows(MalformedException.class, () -> IHello.decode(Hex.bytes("00" + "11".repeat(65))));
  }

  @Test
  void rhelloHasA64ByteCookieAndThe77ByteServerCertificate() {
    byte[] random = new byte[64];
    byte[] cert =
        FlashProfile.serverCertificate(
            random, List.of(DhGroup.GROUP_2, DhGroup.GROUP_5, DhGroup.GROUP_14));
    // Mona's layout, which librtmfp reads as 77 bytes: 01 0a | 41 0e <64> | 02 15 02 | 02 15 05
    // | 02 15 0e.
    assertArrayEquals(
        Hex.bytes("01 0a 41 0e" + "00".repeat(64) + "02 15 02 02 15 05 02 15 0e"), cert);
    assertEquals(77, cert.length);
    assertEquals(List.of(2, 5, 14), FlashProfile.supportedGroups(cert));

    byte[] cookie = new byte[64];
    Arrays.fill(cookie, (byte) 0xcc);
    RHello hello = new RHello(Hex.bytes(TAG), cookie, cert);
    byte[] body = hello.toChunk().body();
    assertEquals("10" + TAG + "40" + "cc".repeat(64), Hex.of(Arrays.copyOf(body, 82)));
    assertEquals(hello, RHello.decode(body));
  }

  @Test
  void redirectAndCookieChangeRoundTrip() {
    byte[] body = Hex.bytes("10 " + TAG + " | 02 7f000001 078f | 01 c0a80001 1f40");
    Redirect r = Redirect.decode(body);
    assertEquals(
        List.of(
            new RtmfpAddress(new InetSocketAddress("127.0.0.1", 1935), 2),
            new RtmfpAddress(new InetSocketAddress("192.168.0.1", 8000), 1)),
        r.addresses());
    assertArrayEquals(body, r.toChunk().body());
    assertEquals(0x71, r.toChunk().type());
    assertTrue(Redirect.decode(Hex.bytes("10 " + TAG)).addresses().isEmpty());

    CookieChange c = new CookieChange(Hex.bytes("0102"), Hex.bytes("030405"));
    assertArrayEquals(Hex.bytes("02 0102 030405"), c.toChunk().body());
    assertEquals(c, CookieChange.decode(c.toChunk().body()));
  }

  @Test
  void iikeyingFixtureInFlashLayout() {
    DhKeyPair key = DhKeyPair.fromPrivate(DhGroup.GROUP_2, BigInteger.valueOf(3).shiftLeft(1000));
    byte[] cert = FlashProfile.clientCertificate(List.of(key));
    byte[] publicKey = key.publicKey();
    if (publicKey.length == 128) {
      // Flash: 81 02 | 1d 02 <128-byte key>.
      assertEquals("8102 1d02", Hex.of(Arrays.copyOf(cert, 4)).replaceAll("(.{4})", "$1 ").trim());
    }
    assertEquals(FlashProfile.staticKeys(cert).keySet().iterator().next(), 2);
    byte[] skic = KeyComponent.initiator(2, new byte[64]);
    assertArrayEquals(
        Hex.bytes("02 1d 02 | 41 0e" + "00".repeat(64) + "| 03 1a 02 0a | 02 1e 02"), skic);
    KeyComponent parsed = KeyComponent.parse(skic);
    assertEquals(2, parsed.groupSelect());
    assertEquals(KeyComponent.SEND_ON_REQUEST, parsed.hmacFlags());
    assertEquals(10, parsed.hmacLength());

    IIKeying k = new IIKeying(0x01020304, new byte[64], cert, skic, Hex.bytes("58"));
    byte[] body = k.toChunk().body();
    assertEquals("01020304" + "40", Hex.of(Arrays.copyOf(body, 5)));
    assertEquals(k, IIKeying.decode(body));
    assertThrows(MalformedException.class, () -> IIKeying.decode(Arrays.copyOf(body, 70)));
  }

  @Test
  void rikeyingSkrcHasTheKeyAtOffset11() {
    DhKeyPair eph = DhKeyPair.fromPrivate(DhGroup.GROUP_2, BigInteger.valueOf(5).shiftLeft(900));
    byte[] skrc = KeyComponent.responder(eph);
    byte[] key = eph.publicKey();
    // librtmfp: 03 1a 00 00 | 02 1e 00 | 81 02 0d 02 <128-byte key>, key at offset 11.
    assertEquals("031a0000021e00", Hex.of(Arrays.copyOf(skrc, 7)));
    assertEquals("0d02", Hex.of(Arrays.copyOfRange(skrc, 9, 11)));
    assertArrayEquals(key, Arrays.copyOfRange(skrc, 11, skrc.length));
    assertTrue(skrc.length >= 138);
    KeyComponent parsed = KeyComponent.parse(skrc);
    assertEquals(2, parsed.ephemeralGroup());
    assertArrayEquals(key, parsed.ephemeralKey());

    RIKeying r = new RIKeying(0x0a0b0c0d, skrc, Hex.bytes("58"));
    byte[] body = r.toChunk().body();
    assertEquals("0a0b0c0d", Hex.of(Arrays.copyOf(body, 4)));
    assertEquals(r, RIKeying.decode(body));
  }

  @Test
  void negotiationHonoursRequestsAndAlwaysSenders() {
    // rtmfp-cpp style: sends on request and requests both modes (flags 0x03).
    KeyComponent far = KeyComponent.parse(Hex.bytes("03 1a 03 10 | 02 1e 03"));
    IntegrityPolicy.Outcome o = IntegrityPolicy.ON_REQUEST.negotiate(far);
    assertTrue(o.sendHmac());
    assertTrue(o.sendSequence());
    assertFalse(o.receiveHmac());
    assertEquals(KeyComponent.SEND_ALWAYS, IntegrityPolicy.ON_REQUEST.responderHmacFlags(o));
    // A far end that always sends HMACs of 10 bytes: we must verify them.
    IntegrityPolicy.Outcome always =
        IntegrityPolicy.ON_REQUEST.negotiate(
            KeyComponent.parse(Hex.bytes("03 1a 04 0a | 02 1e 00")));
    assertTrue(always.receiveHmac());
    assertEquals(10, always.receiveHmacLength());
    assertFalse(always.sendHmac());
    // librtmfp offers on request only: checksum mode, flags 00 in the reply.
    IntegrityPolicy.Outcome flash =
        IntegrityPolicy.ON_REQUEST.negotiate(
            KeyComponent.parse(Hex.bytes("03 1a 02 0a | 02 1e 02")));
    assertEquals(new IntegrityPolicy.Outcome(false, 16, false, 0, false, false), flash);
    assertEquals(0, IntegrityPolicy.ON_REQUEST.responderHmacFlags(flash));
    // A request that the other end refuses fails the negotiation.
    IntegrityPolicy never = new IntegrityPolicy(0, 16, 0);
    assertNull(never.negotiate(far));
    // An HMAC length outside 4..32 from an always-sender fails too.
    assertNull(IntegrityPolicy.ON_REQUEST.negotiate(KeyComponent.parse(Hex.bytes("03 1a 04 02"))));
  }

  @Test
  void peerIdIsSha256OfTheCertificateBeforeTheFirstMarker() {
    byte[] cert = Hex.bytes("02 15 02");
    byte[] withTail = Hex.bytes("02 15 02 | 00 | 02 0e 01");
    assertArrayEquals(FlashProfile.peerId(cert), FlashProfile.peerId(withTail));
    // SHA-256 of 02 15 02.
    assertEquals(32, FlashProfile.peerId(cert).length);
    assertFalse(
        Arrays.equals(FlashProfile.peerId(cert), FlashProfile.peerId(Hex.bytes("02 15 05"))));
  }
}
