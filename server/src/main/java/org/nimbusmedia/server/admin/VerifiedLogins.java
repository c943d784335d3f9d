package org.nimbusmedia.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a short time, that a user's password passed its bcrypt check, so that a scraper
 * sending the same credentials every few seconds costs one HMAC instead of a quarter second of
 * bcrypt each time. Only a keyed MAC of the credentials is kept (the key is random per server and
 * never leaves memory); one entry per configured user, so the table is bounded by the config.
 */
final class VerifiedLogins {
  private static final String ALGORITHM = "HmacSHA256";

  private final Duration lifetime;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Entry> verified = new HashMap<>();

  private record Entry(byte[] mac, long expiresAtMillis) {}

  VerifiedLogins(Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /** Whether {@code user} logged in with exactly this password within the lifetime. */
  synchronized boolean recentlyVerified(String user, String password) {
    Entry entry = verified.get(user);
    if (entry == null) {
      return false;
    }
    if (clock.millis() >= entry.expiresAtMillis()) {
      verified.remove(user);
      return false;
    }
    return MessageDigest.isEqual(entry.mac(), mac(user, password));
  }

  /** {@code user}'s password just passed its bcrypt check. */
  synchronized void remember(String user, String password) {
    verified.put(user, new Entry(mac(user, password), clock.millis() + lifetime.toMillis()));
  }

  private byte[] mac(String user, String password) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
