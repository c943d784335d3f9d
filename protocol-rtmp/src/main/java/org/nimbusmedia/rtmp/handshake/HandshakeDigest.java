package org.nimbusmedia.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Flash Player 9+ digest handshake: where the digest sits in C1/S1 and how it and the last 32
 * bytes of S2/C2 are computed (fms4.md section 4, from librtmp's handshake.h). Packets are the
 * 1536-byte C1/S1/C2/S2 blocks without the version byte.
 */
final class HandshakeDigest {

  /** Length of C1, S1, C2 and S2 (RTMP 1.0 section 5.2.3). */
  static final int PACKET_LENGTH = 1536;

  /** Length of an HMAC-SHA256 digest. */
  static final int DIGEST_LENGTH = 32;

  private static final byte[] KEY_TAIL = {
    (byte) 0xf0, (byte) 0xee, (byte) 0xc2, (byte) 0x4a, (byte) 0x80, (byte) 0x68, (byte) 0xbe,
    (byte) 0xe8, (byte) 0x2e, (byte) 0x00, (byte) 0xd0, (byte) 0xd1, (byte) 0x02, (byte) 0x9e,
    (byte) 0x7e, (byte) 0x57, (byte) 0x6e, (byte) 0xec, (byte) 0x5d, (byte) 0x2d, (byte) 0x29,
    (byte) 0x80, (byte) 0x6f, (byte) 0xab, (byte) 0x93, (byte) 0xb8, (byte) 0xe6, (byte) 0x36,
    (byte) 0xcf, (byte) 0xeb, (byte) 0x31, (byte) 0xae
  };

  /** "Genuine Adobe Flash Player 001": the key of the client's C1 digest. */
  static final byte[] PLAYER_KEY_SHORT = ascii("Genuine Adobe Flash Player 001");

  /** The 62-byte player key: the 30 ASCII bytes and the shared 32-byte tail; keys C2. */
  static final byte[] PLAYER_KEY = concat(PLAYER_KEY_SHORT, KEY_TAIL);

  /** "Genuine Adobe Flash Media Server 001": the key of the server's S1 digest. */
  static final byte[] SERVER_KEY_SHORT = ascii("Genuine Adobe Flash Media Server 001");

  /** The 68-byte server key: the 36 ASCII bytes and the shared 32-byte tail; keys S2. */
  static final byte[] SERVER_KEY = concat(SERVER_KEY_SHORT, KEY_TAIL);

  /** Where a digest may sit: the four bytes whose sum picks the offset, and the base offset. */
  enum Scheme {
    /** Plain RTMP default: offset = (C[8] + C[9] + C[10] + C[11]) % 728 + 12. */
    SCHEME_0(8, 12),
    /** RTMPE default: offset = (C[772] + ... + C[775]) % 728 + 776. */
    SCHEME_1(772, 776);

    private final int sumIndex;
    private final int base;

    Scheme(int sumIndex, int base) {
      this.sumIndex = sumIndex;
      this.base = base;
    }

    /** Offset of the 32-byte digest in a 1536-byte packet. */
    int digestOffset(byte[] packet) {
      int sum = 0;
      for (int i = sumIndex; i < sumIndex + 4; i++) {
        sum += packet[i] & 0xFF;
      }
      return sum % 728 + base;
    }
  }

  private HandshakeDigest() {}

  /** HMAC-SHA256 of {@code data[offset..offset+length)}. */
  static byte[] hmacSha256(byte[] key, byte[] data, int offset, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(data, offset, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime ships HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The digest of a packet: HMAC over the 1504 bytes around the digest slot. */
  static byte[] computeDigest(byte[] packet, int digestOffset, byte[] key) {
    byte[] message = new byte[PACKET_LENGTH - DIGEST_LENGTH];
    System.arraycopy(packet, 0, message, 0, digestOffset);
    System.arraycopy(
        packet,
        digestOffset + DIGEST_LENGTH,
        message,
        digestOffset,
        PACKET_LENGTH - digestOffset - DIGEST_LENGTH);
    return hmacSha256(key, message, 0, message.length);
  }

  /**
   * The digest found in a packet under one of the schemes, trying scheme 0 then scheme 1, or null.
   *
   * @param key {@link #PLAYER_KEY_SHORT} for C1, {@link #SERVER_KEY_SHORT} for S1
   */
  static Found findDigest(byte[] packet, byte[] key) {
    for (Scheme scheme : Scheme.values()) {
      int offset = scheme.digestOffset(packet);
      byte[] expected = computeDigest(packet, offset, key);
      byte[] actual = Arrays.copyOfRange(packet, offset, offset + DIGEST_LENGTH);
      if (MessageDigest.isEqual(expected, actual)) {
        return new Found(scheme, actual);
      }
    }
    return null;
  }

  /** A digest that validated, with the scheme it was found under. */
  record Found(Scheme scheme, byte[] digest) {}

  /** Writes the packet's digest into its slot and returns it. */
  static byte[] sign(byte[] packet, Scheme scheme, byte[] key) {
    int offset = scheme.digestOffset(packet);
    byte[] digest = computeDigest(packet, offset, key);
    System.arraycopy(digest, 0, packet, offset, DIGEST_LENGTH);
    return digest;
  }

  /**
   * The last 32 bytes of S2 or C2: HMAC-SHA256 keyed by HMAC-SHA256(longKey, peerDigest) over the
   * first 1504 bytes of the packet.
   *
   * @param longKey {@link #SERVER_KEY} for S2, {@link #PLAYER_KEY} for C2
   */
  static byte[] responseSignature(byte[] packet, byte[] peerDigest, byte[] longKey) {
    byte[] key = hmacSha256(longKey, peerDigest, 0, peerDigest.length);
    return hmacSha256(key, packet, 0, PACKET_LENGTH - DIGEST_LENGTH);
  }

  /** Writes {@link #responseSignature} into the last 32 bytes of the packet. */
  static void signResponse(byte[] packet, byte[] peerDigest, byte[] longKey) {
    byte[] signature = responseSignature(packet, peerDigest, longKey);
    System.arraycopy(signature, 0, packet, PACKET_LENGTH - DIGEST_LENGTH, DIGEST_LENGTH);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] result = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, result, a.length, b.length);
    return result;
  }
}
