package org.nimbusmedia.server.rtmfp;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The video phone sample's peer ID exchange ({@code reg.cgi}): user names mapped to RTMFP peer IDs,
 * each registration living {@code expiry} unless refreshed. Bounded: when full, expired entries go
 * first and a new name is refused if none has expired. Thread-safe.
 */
public final class PeerRegistry {
  /** Longest user name kept. */
  static final int MAX_USER_LENGTH = 64;

  /** A peer ID as Flash shows it ({@code NetConnection.nearID}): 64 hex digits. */
  private static final Pattern PEER_ID = Pattern.compile("[0-9a-fA-F]{64}");

  private record Registration(String peerId, long expiresAt) {}

  private final Clock clock;
  private final Duration expiry;
  private final int maxEntries;
  private final Map<String, Registration> registrations = new HashMap<>();

  public PeerRegistry(Clock clock, Duration expiry, int maxEntries) {
    this.clock = clock;
    this.expiry = expiry;
    this.maxEntries = maxEntries;
  }

  /**
   * Registers {@code user} with {@code identity}, or unregisters it when {@code identity} is "0"
   * (the sample's protocol); false for a bad name or peer ID, or when the registry is full.
   */
  public synchronized boolean register(String user, String identity) {
    if (user == null || user.isEmpty() || user.length() > MAX_USER_LENGTH || identity == null) {
      return false;
    }
    if (identity.equals("0")) {
      registrations.remove(user);
      return true;
    }
    if (!PEER_ID.matcher(identity).matches()) {
      return false;
    }
    long now = clock.millis();
    if (!registrations.containsKey(user) && registrations.size() >= maxEntries) {
      registrations.values().removeIf(r -> r.expiresAt() <= now);
      if (registrations.size() >= maxEntries) {
        return false;
      }
    }
    registrations.put(user, new Registration(identity.toLowerCase(), now + expiry.toMillis()));
    return true;
  }

  /** The peer ID registered for {@code user}, when the registration has not expired. */
  public synchronized Optional<String> lookup(String user) {
    Registration registration = registrations.get(user);
    if (registration == null) {
      return Optional.empty();
    }
    if (registration.expiresAt() <= clock.millis()) {
      registrations.remove(user);
      return Optional.empty();
    }
    return Optional.of(registration.peerId());
  }
}
