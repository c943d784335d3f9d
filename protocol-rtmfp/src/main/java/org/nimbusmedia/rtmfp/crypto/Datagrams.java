package org.nimbusmedia.rtmfp.crypto;

import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.Packet;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Turns packets into UDP payloads and back in the checksum mode of the Flash profile: {@code
 * scrambledSessionId(4) | AES-CBC(checksum u16 | packet | 0xFF padding)} (RFC 7016 section 2.2.1,
 * RFC 7425 sections 4.1 and 4.5).
 */
public final class Datagrams {
  /** Smallest valid datagram: the scrambled session id and one AES block. */
  public static final int MIN_SIZE = 4 + 16;

  /** Largest datagram accepted; RTMFP packets fit in one path MTU (RFC 7016 section 2.2.4). */
  public static final int MAX_SIZE = 8192;

  private Datagrams() {}

  /**
   * Reads the session id of a datagram: the first word XOR the second XOR the third (RFC 7016
   * section 2.2.1). The caller checks the length first.
   */
  public static int sessionId(byte[] datagram) {
    if (datagram.length < 12) {
      throw new MalformedException("datagram shorter than 12 bytes");
    }
    return word(datagram, 0) ^ word(datagram, 4) ^ word(datagram, 8);
  }

  /** Seals a packet for the session id with the cipher, in checksum mode. */
  public static byte[] seal(int sessionId, PacketCipher cipher, Packet packet) {
    return seal(sessionId, cipher, Integrity.CHECKSUM, packet);
  }

  /**
   * Seals a packet: {@code [VLU sequence] [checksum] packet padding}, encrypted, then the truncated
   * HMAC of the ciphertext when negotiated (RFC 7425 section 4.6.4).
   */
  public static byte[] seal(
      int sessionId, PacketCipher cipher, Integrity integrity, Packet packet) {
    WireWriter w = new WireWriter(64 + packet.encodedSize());
    w.u32(0);
    if (integrity.sequence()) {
      w.vlu(integrity.takeSequence());
    }
    int checksumAt = w.size();
    if (!integrity.hmac()) {
      w.u16(0);
    }
    int covered = w.size();
    packet.write(w);
    while ((w.size() - 4) % 16 != 0) {
      w.u8(0xFF);
    }
    int padded = w.size() - 4;
    byte[] out = w.toByteArray();
    if (!integrity.hmac()) {
      int checksum = InternetChecksum.compute(out, covered, out.length - covered);
      out[checksumAt] = (byte) (checksum >>> 8);
      out[checksumAt + 1] = (byte) checksum;
    }
    cipher.encrypt(out, 4, padded);
    if (integrity.hmac()) {
      byte[] mac = integrity.mac(out, 4, padded);
      out = java.util.Arrays.copyOf(out, out.length + mac.length);
      System.arraycopy(mac, 0, out, 4 + padded, mac.length);
    }
    int scrambled = sessionId ^ word(out, 4) ^ word(out, 8);
    out[0] = (byte) (scrambled >>> 24);
    out[1] = (byte) (scrambled >>> 16);
    out[2] = (byte) (scrambled >>> 8);
    out[3] = (byte) scrambled;
    return out;
  }

  /**
   * Decrypts a datagram in place and parses its packet.
   *
   * @throws MalformedException when the length is not a whole number of blocks, the checksum does
   *     not match (a wrong key shows up here) or the packet framing is bad
   */
  public static Packet open(byte[] datagram, PacketCipher cipher) {
    return open(datagram, cipher, Integrity.CHECKSUM);
  }

  /**
   * Verifies and decrypts a datagram in place in the negotiated modes and parses its packet; a
   * failed HMAC, a replayed sequence number or a failed checksum raises {@link MalformedException}.
   */
  public static Packet open(byte[] datagram, PacketCipher cipher, Integrity integrity) {
    int length = datagram.length - 4 - integrity.hmacLength();
    if (datagram.length < MIN_SIZE
        || datagram.length > MAX_SIZE
        || length < 16
        || length % 16 != 0) {
      throw new MalformedException("bad datagram length " + datagram.length);
    }
    if (integrity.hmac()) {
      byte[] expected = integrity.mac(datagram, 4, length);
      byte[] actual = java.util.Arrays.copyOfRange(datagram, 4 + length, datagram.length);
      if (!java.security.MessageDigest.isEqual(expected, actual)) {
        throw new MalformedException("HMAC mismatch");
      }
    }
    cipher.decrypt(datagram, 4, length);
    WireReader r = new WireReader(datagram, 4, length);
    long seq = -1;
    if (integrity.sequence()) {
      seq = r.vlu();
      if (!integrity.fresh(seq)) {
        throw new MalformedException("replayed session sequence number");
      }
    }
    if (!integrity.hmac()) {
      int expected = r.u16();
      if (InternetChecksum.compute(datagram, r.position(), r.remaining()) != expected) {
        throw new MalformedException("checksum mismatch");
      }
    }
    Packet packet = Packet.read(r);
    if (seq >= 0) {
      integrity.record(seq);
    }
    return packet;
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }
}
