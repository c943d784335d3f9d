package org.nimbusmedia.rtmfp.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-CBC with an all-zero IV for every packet (RFC 7425 section 4.1). Each packet
 * re-initialises the JDK's CBC cipher with the zero IV; the JDK keeps the expanded key when the key
 * is unchanged, so the key schedule is computed once, and the whole packet goes through the
 * intrinsic CBC loop in one call (bench: RtmfpPacketBenchmark). An instance belongs to one session
 * and is used from one thread.
 */
public final class PacketCipher {
  /** The default session key, used for startup packets and RIKeying (RFC 7425 section 4.1). */
  public static final byte[] DEFAULT_KEY = "Adobe Systems 02".getBytes(StandardCharsets.US_ASCII);

  private static final int BLOCK = 16;
  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK]);

  private final SecretKeySpec key;
  private final Cipher encryptor;
  private final Cipher decryptor;

  /**
   * @param key the 16-byte AES key
   */
  public PacketCipher(byte[] key) {
    if (key.length != BLOCK) {
      throw new IllegalArgumentException("AES-128 key must be 16 bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
    try {
      encryptor = Cipher.getInstance("AES/CBC/NoPadding");
      decryptor = Cipher.getInstance("AES/CBC/NoPadding");
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
    run(encryptor, Cipher.ENCRYPT_MODE, data, offset, length);
  }

  /** Decrypts {@code data[offset, offset+length)} in place; the length is a multiple of 16. */
  public void decrypt(byte[] data, int offset, int length) {
    run(decryptor, Cipher.DECRYPT_MODE, data, offset, length);
  }

  private void run(Cipher cipher, int mode, byte[] data, int offset, int length) {
    checkLength(length);
    try {
      cipher.init(mode, key, ZERO_IV);
      cipher.doFinal(data, offset, length, data, offset);
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
