package org.nimbusmedia.rtmfp.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A Diffie-Hellman key pair in one of the {@link DhGroup}s. Public keys and shared secrets are
 * encoded as minimal-length big-endian bytes, without the sign byte of {@link
 * BigInteger#toByteArray()} and without left padding to the modulus length, because both client
 * families compute keys that way (OpenSSL {@code BN_bn2bin}); padding would derive different
 * session keys for about one session in 256.
 */
public final class DhKeyPair {
  /** Private exponent length in bits: twice the strength of the largest group used here. */
  private static final int PRIVATE_BITS = 320;

  private final DhGroup group;
  private final BigInteger privateKey;
  private final BigInteger publicKey;

  private DhKeyPair(DhGroup group, BigInteger privateKey) {
    this.group = group;
    this.privateKey = privateKey;
    this.publicKey = group.generator().modPow(privateKey, group.prime());
  }

  /** Generates a fresh key pair. */
  public static DhKeyPair generate(DhGroup group, SecureRandom random) {
    BigInteger x;
    do {
      x = new BigInteger(PRIVATE_BITS, random);
    } while (x.bitLength() < PRIVATE_BITS - 8);
    return new DhKeyPair(group, x);
  }

  /** A key pair from a known private exponent, for known-answer tests and static keys. */
  public static DhKeyPair fromPrivate(DhGroup group, BigInteger privateKey) {
    if (privateKey.signum() <= 0 || privateKey.compareTo(group.prime()) >= 0) {
      throw new IllegalArgumentException("private key out of range");
    }
    return new DhKeyPair(group, privateKey);
  }

  /** The group. */
  public DhGroup group() {
    return group;
  }

  /** The public key as minimal-length big-endian bytes. */
  public byte[] publicKey() {
    return minimal(publicKey);
  }

  /**
   * Computes the shared secret with a peer's public key.
   *
   * @throws IllegalArgumentException when the peer key is not in {@code [2, p-2]} (a key of 1 or
   *     p-1 would force a known secret)
   */
  public byte[] sharedSecret(byte[] peerPublicKey) {
    if (peerPublicKey.length == 0 || peerPublicKey.length > group.byteLength()) {
      throw new IllegalArgumentException("peer public key has a bad length");
    }
    BigInteger y = new BigInteger(1, peerPublicKey);
    BigInteger two = BigInteger.TWO;
    if (y.compareTo(two) < 0 || y.compareTo(group.prime().subtract(two)) > 0) {
      throw new IllegalArgumentException("peer public key out of range");
    }
    return minimal(y.modPow(privateKey, group.prime()));
  }

  /** Big-endian bytes of a non-negative value with no leading zero bytes. */
  static byte[] minimal(BigInteger value) {
    byte[] b = value.toByteArray();
    int i = 0;
    while (i < b.length - 1 && b[i] == 0) {
      i++;
    }
    return i == 0 ? b : Arrays.copyOfRange(b, i, b.length);
  }
}
