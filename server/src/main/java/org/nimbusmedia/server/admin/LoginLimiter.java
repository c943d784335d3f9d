package org.nimbusmedia.server.admin;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed admin logins by client address, as FMS's {@code LoginLimits} had them ({@code
 * reference/fms4.md} section 5.1): after {@code maxFailures} failures in a row an address is
 * refused for the lockout time, even with the right password. A success clears its failures. The
 * table is bounded: when full, the oldest address is forgotten first.
 */
final class LoginLimiter {
  /** Addresses remembered at most. */
  static final int MAX_ADDRESSES = 10_000;

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final Map<InetAddress, Failures> failures = new LinkedHashMap<>();

  private static final class Failures {
    int count;
    long lockedUntilMillis;
  }

  LoginLimiter(int maxFailures, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** How long {@code address} must still wait, or empty when it may try. */
  synchronized Optional<Duration> lockedFor(InetAddress address) {
    Failures entry = failures.get(address);
    if (entry == null || entry.lockedUntilMillis == 0) {
      return Optional.empty();
    }
    long left = entry.lockedUntilMillis - clock.millis();
    if (left <= 0) {
      failures.remove(address);
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(left));
  }

  /** A failed login from {@code address}; returns true when this failure locks it out. */
  synchronized boolean failed(InetAddress address) {
    Failures entry = failures.get(address);
    if (entry == null) {
      evictIfFull();
      entry = new Failures();
      failures.put(address, entry);
    }
    entry.count++;
    if (entry.count >= maxFailures) {
      entry.count = 0;
      entry.lockedUntilMillis = clock.millis() + lockout.toMillis();
      return true;
    }
    return false;
  }

  synchronized void succeeded(InetAddress address) {
    failures.remove(address);
  }

  private void evictIfFull() {
    if (failures.size() < MAX_ADDRESSES) {
      return;
    }
    Iterator<Map.Entry<InetAddress, Failures>> oldest = failures.entrySet().iterator();
    oldest.next();
    oldest.remove();
  }
}
