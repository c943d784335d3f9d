package org.nimbusmedia.server.config;

import java.time.Duration;

/**
 * The peer ID exchange service of the video phone sample (its {@code reg.cgi}): clients register a
 * user name with their peer ID and look others up over HTTP, on the RTMPT listener's port.
 *
 * @param path the HTTP path it answers on the RTMPT port; empty turns it off
 * @param expiry how long a registration lives; the sample's client refreshes it every 30 minutes
 * @param maxEntries registrations held at once; more are refused with {@code update false}
 */
public record PeerRegistryConfig(String path, Duration expiry, Integer maxEntries) {
  public PeerRegistryConfig {
    path = Check.orDefault(path, "/videophone/reg.cgi");
    if (!path.isEmpty() && !path.startsWith("/")) {
      throw new InvalidValueException("path", "\"" + path + "\"", "an HTTP path starting with /");
    }
    expiry =
        Check.range(
            "expiry",
            Check.orDefault(expiry, Duration.ofMinutes(35)),
            Duration.ofSeconds(10),
            Duration.ofDays(1));
    maxEntries = Check.range("maxEntries", Check.orDefault(maxEntries, 100_000), 1, 10_000_000);
  }

  public static PeerRegistryConfig defaults() {
    return new PeerRegistryConfig(null, null, null);
  }
}
