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

  /** Seals a packet for the session id with the cipher. */
  public static byte[] seal(int sessionId, PacketCipher cipher, Packet packet) {
    int body = 2 + packet.encodedSize();
    int padded = (body + 15) & ~15;
    WireWriter w = new WireWriter(4 + padded);
    w.u32(0).u16(0);
    packet.write(w);
    while (w.size() < 4 + padded) {
      w.u8(0xFF);
    }
    byte[] out = w.toByteArray();
    int checksum = InternetChecksum.compute(out, 6, padded - 2);
    out[4] = (byte) (checksum >>> 8);
    out[5] = (byte) checksum;
    cipher.encrypt(out, 4, padded);
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
    int length = datagram.length - 4;
    if (datagram.length < MIN_SIZE || datagram.length > MAX_SIZE || length % 16 != 0) {
      throw new MalformedException("bad datagram length " + datagram.length);
    }
    cipher.decrypt(datagram, 4, length);
    int expected = ((datagram[4] & 0xFF) << 8) | (datagram[5] & 0xFF);
    if (InternetChecksum.compute(datagram, 6, length - 2) != expected) {
      throw new MalformedException("checksum mismatch");
    }
    return Packet.read(new WireReader(datagram, 6, length - 2));
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }
}
