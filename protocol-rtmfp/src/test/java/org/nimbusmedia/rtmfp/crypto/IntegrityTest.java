package org.nimbusmedia.rtmfp.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.Packet;

/** The HMAC and session sequence number modes of RFC 7425 section 4.6.4. */
class IntegrityTest {
  private static final byte[] KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
  private static final byte[] HMAC_KEY = new byte[32];
  private final Packet packet = new Packet(0x8d, 1, 2, List.of(new Chunk(0x01, Hex.bytes("aa"))));

  @Test
  void hmacIsAppendedAfterTheCiphertextAndReplacesTheChecksum() {
    byte[] d = Datagrams.seal(9, new PacketCipher(KEY), new Integrity(HMAC_KEY, 10, false), packet);
    assertEquals(4 + 16 + 10, d.length);
    // The HMAC covers the ciphertext (after the scrambled session id).
    byte[] expected = Arrays.copyOf(SessionKeys.hmac(HMAC_KEY, Arrays.copyOfRange(d, 4, 20)), 10);
    assertArrayEquals(expected, Arrays.copyOfRange(d, 20, 30));
    assertEquals(9, Datagrams.sessionId(d));
    byte[] plain = Arrays.copyOfRange(d, 4, 20);
    new PacketCipher(KEY).decrypt(plain, 0, 16);
    // No checksum: the packet starts the plaintext.
    assertEquals(0x8d, plain[0] & 0xff);

    Integrity rx = new Integrity(HMAC_KEY, 10, false);
    assertEquals(packet, Datagrams.open(d.clone(), new PacketCipher(KEY), rx));
    byte[] tampered = d.clone();
    tampered[8] ^= 1;
    assertThrows(
        MalformedException.class, () -> Datagrams.open(tampered, new PacketCipher(KEY), rx));
    byte[] badMac = d.clone();
    badMac[29] ^= 1;
    assertThrows(MalformedException.class, () -> Datagrams.open(badMac, new PacketCipher(KEY), rx));
    // A checksum-mode receiver cannot read it.
    assertThrows(MalformedException.class, () -> Datagrams.open(d.clone(), new PacketCipher(KEY)));
  }

  @Test
  void sequenceNumbersPrecedeTheChecksumAndReplaysAreRejected() {
    Integrity tx = new Integrity(null, 0, true);
    Integrity rx = new Integrity(null, 0, true);
    PacketCipher cipher = new PacketCipher(KEY);
    byte[] first = Datagrams.seal(9, cipher, tx, packet);
    byte[] second = Datagrams.seal(9, cipher, tx, packet);
    byte[] plain = Arrays.copyOfRange(second, 4, second.length);
    new PacketCipher(KEY).decrypt(plain, 0, plain.length);
    // VLU sequence 1, then the checksum of everything after it.
    assertEquals(1, plain[0]);
    assertEquals(
        InternetChecksum.compute(plain, 3, plain.length - 3),
        ((plain[1] & 0xff) << 8) | (plain[2] & 0xff));

    assertEquals(packet, Datagrams.open(second.clone(), new PacketCipher(KEY), rx));
    assertEquals(packet, Datagrams.open(first.clone(), new PacketCipher(KEY), rx));
    assertThrows(
        MalformedException.class, () -> Datagrams.open(first.clone(), new PacketCipher(KEY), rx));
  }

  @Test
  void replayWindowForgetsOldNumbers() {
    Integrity rx = new Integrity(null, 0, true);
    rx.record(5);
    rx.record(Integrity.REPLAY_WINDOW + 10);
    assertEquals(false, rx.fresh(5));
    assertEquals(true, rx.fresh(Integrity.REPLAY_WINDOW + 9));
    assertEquals(false, rx.fresh(Integrity.REPLAY_WINDOW + 10));
  }

  @Test
  void hmacLengthIsBounded() {
    assertThrows(IllegalArgumentException.class, () -> new Integrity(HMAC_KEY, 3, false));
    assertThrows(IllegalArgumentException.class, () -> new Integrity(HMAC_KEY, 33, false));
  }
}
