package org.nimbusmedia.rtmfp.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.Packet;

class CryptoTest {

  @Test
  void internetChecksumMatchesRfc1071Section3Example() {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is ~ddf2.
    byte[] data = Hex.bytes("00 01 f2 03 f4 f5 f6 f7");
    assertEquals(0x220d, InternetChecksum.compute(data, 0, data.length));
    // The checksum of data followed by its checksum is zero.
    byte[] withSum = Hex.bytes("00 01 f2 03 f4 f5 f6 f7 22 0d");
    assertEquals(0, InternetChecksum.compute(withSum, 0, withSum.length));
  }

  @Test
  void aesMatchesFips197AppendixC1() {
    byte[] key = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    byte[] block = Hex.bytes("00112233445566778899aabbccddeeff");
    new PacketCipher(key).encrypt(block, 0, 16);
    // With a zero IV the first CBC block is the ECB block.
    assertEquals("69c4e0d86a7b0430d8cdb78070b4c55a", Hex.of(block));
  }

  @Test
  void cbcWithDefaultKeyMatchesBouncyCastle() {
    byte[] plain = new byte[64];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (i * 7);
    }
    byte[] ours = plain.clone();
    PacketCipher.defaultKey().encrypt(ours, 0, ours.length);

    CBCBlockCipher cbc = (CBCBlockCipher) CBCBlockCipher.newInstance(AESEngine.newInstance());
    cbc.init(true, new KeyParameter("Adobe Systems 02".getBytes(StandardCharsets.US_ASCII)));
    byte[] theirs = new byte[64];
    for (int i = 0; i < 64; i += 16) {
      cbc.processBlock(plain, i, theirs, i);
    }
    assertArrayEquals(theirs, ours);
    PacketCipher.defaultKey().decrypt(ours, 0, ours.length);
    assertArrayEquals(plain, ours);
  }

  @Test
  void sealedDatagramHasScrambledSessionIdChecksumAndPadding() {
    Packet packet = new Packet(0x0b, 0x0102, -1, List.of(new Chunk(0x30, Hex.bytes("00 01 02"))));
    int sid = 0x11223344;
    byte[] datagram = Datagrams.seal(sid, PacketCipher.defaultKey(), packet);
    assertEquals(4 + 16, datagram.length);
    assertEquals(sid, Datagrams.sessionId(datagram));
    // RFC 7016 section 2.2.1: the first word is the session id XOR the next two words.
    int w0 = word(datagram, 0);
    assertEquals(sid, w0 ^ word(datagram, 4) ^ word(datagram, 8));

    byte[] plain = Arrays.copyOfRange(datagram, 4, datagram.length);
    PacketCipher.defaultKey().decrypt(plain, 0, plain.length);
    // checksum | 0b 0102 | 30 0003 000102 | ff padding to 16 bytes
    assertEquals(
        "0b 0102 30 0003 000102 ffffffffff".replace(" ", ""),
        Hex.of(Arrays.copyOfRange(plain, 2, 16)));
    assertEquals(
        InternetChecksum.compute(plain, 2, 14), ((plain[0] & 0xff) << 8) | (plain[1] & 0xff));

    assertEquals(packet, Datagrams.open(datagram, PacketCipher.defaultKey()));
  }

  @Test
  void wrongKeyOrFlippedBitFailsTheChecksum() {
    Packet packet = new Packet(0x8d, 1, 2, List.of(new Chunk(0x01, new byte[40])));
    byte[] key = Hex.bytes("00112233445566778899aabbccddeeff");
    byte[] datagram = Datagrams.seal(7, new PacketCipher(key), packet);
    assertThrows(
        MalformedException.class,
        () -> Datagrams.open(datagram.clone(), PacketCipher.defaultKey()));
    for (int bit = 32; bit < datagram.length * 8; bit += 13) {
      byte[] copy = datagram.clone();
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(MalformedException.class, () -> Datagrams.open(copy, new PacketCipher(key)));
    }
    assertThrows(
        MalformedException.class,
        () -> Datagrams.open(Arrays.copyOf(datagram, datagram.length - 1), new PacketCipher(key)));
    assertEquals(packet, Datagrams.open(datagram, new PacketCipher(key)));
  }

  @Test
  void hmacTakesTheKeyFirstRfc4231TestCase2() {
    byte[] mac =
        SessionKeys.hmac(
            "Jefe".getBytes(StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.of(mac));
  }

  @Test
  void dhPublicKeysAreMinimalLength() {
    // x = 1 gives the generator 2 as public key: a single byte, not 128 with zeros.
    DhKeyPair one = DhKeyPair.fromPrivate(DhGroup.GROUP_2, BigInteger.ONE);
    assertArrayEquals(Hex.bytes("02"), one.publicKey());
    // x = 1 makes the secret equal the peer's key, stripped of leading zeros.
    byte[] peer = new byte[128];
    peer[1] = 0x05;
    peer[127] = 0x01;
    byte[] secret = one.sharedSecret(peer);
    assertEquals(127, secret.length);
    assertEquals(0x05, secret[0]);
    assertEquals(1024, DhGroup.GROUP_2.prime().bitLength());
    assertEquals(2048, DhGroup.GROUP_14.prime().bitLength());
    assertEquals(1536, DhGroup.GROUP_5.prime().bitLength());
    assertEquals(
        "ffffffffffffffffc90fdaa22168c234",
        Hex.of(Arrays.copyOf(DhKeyPair.minimal(DhGroup.GROUP_2.prime()), 16)));
  }

  @Test
  void dhRejectsDegeneratePeerKeys() {
    DhKeyPair pair = DhKeyPair.generate(DhGroup.GROUP_2, new SecureRandom());
    assertThrows(IllegalArgumentException.class, () -> pair.sharedSecret(Hex.bytes("01")));
    byte[] pMinus1 = DhKeyPair.minimal(DhGroup.GROUP_2.prime().subtract(BigInteger.ONE));
    assertThrows(IllegalArgumentException.class, () -> pair.sharedSecret(pMinus1));
    assertThrows(IllegalArgumentException.class, () -> pair.sharedSecret(new byte[129]));
  }

  @Test
  void bothSidesAgreeWhenTheSecretHasALeadingZeroByte() {
    // Walk deterministic private keys until the secret is shorter than the modulus: the case
    // where padding would derive different keys from what the clients derive.
    DhKeyPair server = DhKeyPair.fromPrivate(DhGroup.GROUP_2, BigInteger.valueOf(0x1234567));
    byte[] secret = null;
    DhKeyPair client = null;
    for (int x = 2; secret == null || secret.length == 128; x++) {
      client =
          DhKeyPair.fromPrivate(
              DhGroup.GROUP_2, BigInteger.valueOf(x).shiftLeft(200).add(BigInteger.valueOf(x)));
      secret = client.sharedSecret(server.publicKey());
    }
    assertTrue(secret.length < 128);
    assertTrue(secret[0] != 0);
    assertArrayEquals(secret, server.sharedSecret(client.publicKey()));

    byte[] skic = Hex.bytes("02 1d 02 41 0e");
    byte[] skrc = Hex.bytes("03 1a 00 00 02 1e 00");
    SessionKeys i = SessionKeys.derive(secret, skic, skrc, true);
    SessionKeys r = SessionKeys.derive(server.sharedSecret(client.publicKey()), skic, skrc, false);
    assertArrayEquals(i.encryptKey(), r.decryptKey());
    assertArrayEquals(i.decryptKey(), r.encryptKey());
    assertArrayEquals(i.nearNonce(), r.farNonce());
    assertNotEquals(Hex.of(i.encryptKey()), Hex.of(i.decryptKey()));
  }

  @Test
  void keyDerivationFollowsRfc7425Section4_6() {
    byte[] secret = Hex.bytes("0102030405060708090a0b0c0d0e0f10");
    byte[] skic = Hex.bytes("02 1d 02 | 41 0e " + "aa".repeat(64));
    byte[] skrc = Hex.bytes("03 1a 00 00 | 02 1e 00 | 03 0d 02 05");
    SessionKeys keys = SessionKeys.derive(secret, skic, skrc, true);
    // Independent computation with BouncyCastle's HMac: HMAC(S, HMAC(SKRC, SKIC)).
    byte[] inner = bcHmac(skrc, skic);
    assertArrayEquals(Arrays.copyOf(bcHmac(secret, inner), 16), keys.encryptKey());
    assertArrayEquals(Arrays.copyOf(bcHmac(secret, bcHmac(skic, skrc)), 16), keys.decryptKey());
    assertArrayEquals(bcHmac(secret, skic), keys.nearNonce());
    assertArrayEquals(bcHmac(secret, skrc), keys.farNonce());
  }

  @Test
  void cookiesAreBoundToAddressAndTime() {
    MutableClock clock = new MutableClock();
    CookieJar jar = new CookieJar(new byte[32], clock, Duration.ofSeconds(30), new SecureRandom());
    InetSocketAddress a = new InetSocketAddress("127.0.0.1", 5000);
    byte[] cookie = jar.issue(a);
    assertEquals(64, cookie.length);
    assertTrue(jar.verify(cookie, a));
    assertFalse(jar.verify(cookie, new InetSocketAddress("127.0.0.1", 5001)));
    assertFalse(jar.verify(Arrays.copyOf(cookie, 63), a));
    byte[] forged = cookie.clone();
    forged[40] ^= 1;
    assertFalse(jar.verify(forged, a));
    clock.now = clock.now.plusSeconds(31);
    assertFalse(jar.verify(cookie, a));
    CookieJar other =
        new CookieJar(
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
            clock,
            Duration.ofSeconds(30),
            new SecureRandom());
    assertFalse(other.verify(jar.issue(a), a));
  }

  private static byte[] bcHmac(byte[] key, byte[] msg) {
    HMac mac = new HMac(SHA256Digest.newInstance());
    mac.init(new KeyParameter(key));
    mac.update(msg, 0, msg.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  /** A clock tests can move. */
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
