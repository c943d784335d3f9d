package org.nimbusmedia.rtmfp.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-CBC with an all-zero IV for every packet (RFC 7425 section 4.1). CBC chaining is done
 * here over an ECB cipher so that the key schedule is computed once per key, not once per packet.
 * An instance belongs to one session and is used from one thread.
 */
public final class PacketCipher {
  /** The default session key, used for startup packets and RIKeying (RFC 7425 section 4.1). */
  public static final byte[] DEFAULT_KEY = "Adobe Systems 02".getBytes(StandardCharsets.US_ASCII);

  private static final int BLOCK = 16;

  private final Cipher encryptor;
  private final Cipher decryptor;

  /**
   * @param key the 16-byte AES key
   */
  public PacketCipher(byte[] key) {
    if (key.length != BLOCK) {
      throw new IllegalArgumentException("AES-128 key must be 16 bytes");
    }
    try {
      SecretKeySpec spec = new SecretKeySpec(key, "AES");
      encryptor = Cipher.getInstance("AES/ECB/NoPadding");
      encryptor.init(Cipher.ENCRYPT_MODE, spec);
      decryptor = Cipher.getInstance("AES/ECB/NoPadding");
      decryptor.init(Cipher.DECRYPT_MODE, spec);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available", e);
    }
  }

  /** A cipher with the default key. */
  public static PacketCipher defaultKey() {
    return new PacketCipher(DEFAULT_KEY);
  }

  /** Encrypts {@code data[offset, offset+length)} in place; the length is a multiple of 16. */
  public void encrypt(byte[] data, int offset, int length) {
    checkLength(length);
    byte[] prev = new byte[BLOCK];
    try {
      for (int i = offset; i < offset + length; i += BLOCK) {
        for (int j = 0; j < BLOCK; j++) {
          data[i + j] ^= prev[j];
        }
        encryptor.doFinal(data, i, BLOCK, data, i);
        System.arraycopy(data, i, prev, 0, BLOCK);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed", e);
    }
  }

  /** Decrypts {@code data[offset, offset+length)} in place; the length is a multiple of 16. */
  public void decrypt(byte[] data, int offset, int length) {
    checkLength(length);
    byte[] prev = new byte[BLOCK];
    byte[] cur = new byte[BLOCK];
    try {
      for (int i = offset; i < offset + length; i += BLOCK) {
        System.arraycopy(data, i, cur, 0, BLOCK);
        decryptor.doFinal(data, i, BLOCK, data, i);
        for (int j = 0; j < BLOCK; j++) {
          data[i + j] ^= prev[j];
        }
        byte[] t = prev;
        prev = cur;
        cur = t;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed", e);
    }
  }

  private static void checkLength(int length) {
    if (length % BLOCK != 0) {
      throw new IllegalArgumentException("length must be a multiple of 16: " + length);
    }
  }
}
