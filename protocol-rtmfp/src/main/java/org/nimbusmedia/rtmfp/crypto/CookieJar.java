package org.nimbusmedia.rtmfp.crypto;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Stateless RHello cookies (RFC 7016 section 3.5.1.2): {@code issued u32 seconds | 28 random bytes
 * | HMAC-SHA256(secret, issued | random | address | port)}, 64 bytes as Flash clients expect. A
 * responder keeps no state for an address until it returns a valid cookie in an IIKeying, so a
 * flood of IHellos from spoofed addresses costs no memory.
 */
public final class CookieJar {
  /** Cookie length; librtmfp expects exactly 64 bytes. */
  public static final int COOKIE_LENGTH = 64;

  private static final int RANDOM_LENGTH = 28;

  private final byte[] secret;
  private final Clock clock;
  private final long lifetimeSeconds;
  private final SecureRandom random;

  /**
   * @param secret HMAC key, at least 16 bytes, private to this responder
   * @param clock time source
   * @param lifetime how long a cookie stays valid
   * @param random source of the cookie's random part
   */
  public CookieJar(byte[] secret, Clock clock, Duration lifetime, SecureRandom random) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("cookie secret must be at least 16 bytes");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("cookie lifetime must be positive");
    }
    this.secret = secret.clone();
    this.clock = clock;
    this.lifetimeSeconds = lifetime.toSeconds();
    this.random = random;
  }

  /** Issues a cookie bound to the address the IHello came from. */
  public byte[] issue(InetSocketAddress address) {
    int issued = (int) (clock.millis() / 1000);
    byte[] nonce = new byte[RANDOM_LENGTH];
    random.nextBytes(nonce);
    WireWriter w = new WireWriter(COOKIE_LENGTH);
    w.u32(issued).bytes(nonce).bytes(mac(issued, nonce, address));
    return w.toByteArray();
  }

  /** Whether the cookie was issued by this jar to this address and has not expired. */
  public boolean verify(byte[] cookie, InetSocketAddress address) {
    if (cookie.length != COOKIE_LENGTH) {
      return false;
    }
    int issued =
        ((cookie[0] & 0xFF) << 24)
            | ((cookie[1] & 0xFF) << 16)
            | ((cookie[2] & 0xFF) << 8)
            | (cookie[3] & 0xFF);
    long now = clock.millis() / 1000;
    long age = now - Integer.toUnsignedLong(issued);
    if (age < -5 || age > lifetimeSeconds) {
      return false;
    }
    byte[] nonce = Arrays.copyOfRange(cookie, 4, 4 + RANDOM_LENGTH);
    byte[] expected = mac(issued, nonce, address);
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(cookie, 4 + RANDOM_LENGTH, 64));
  }

  private byte[] mac(int issued, byte[] nonce, InetSocketAddress address) {
    WireWriter w = new WireWriter(64);
    w.u32(issued).bytes(nonce).bytes(address.getAddress().getAddress()).u16(address.getPort());
    return SessionKeys.hmac(secret, w.toByteArray());
  }
}
