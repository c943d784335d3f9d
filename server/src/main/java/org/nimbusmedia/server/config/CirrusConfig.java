package org.nimbusmedia.server.config;

import java.util.List;

/**
 * The rendezvous-only mode that serves applications written for Adobe's Cirrus service: they
 * connect to {@code rtmfp://host/<developer key>}, get a peer ID and introductions to other peers,
 * and nothing else (no scripts, shared objects or remote calls, and no media through the server). A
 * connect whose application name is a folder of {@code applications.directory} still reaches that
 * application.
 *
 * @param enabled whether RTMFP connects to names that are no application are taken as developer
 *     keys
 * @param developerKeys the keys accepted; empty accepts any key
 * @param relayApplication an application through which Cirrus-mode clients may publish and play, in
 *     an instance named after their key; empty relays nothing, as Cirrus did
 */
public record CirrusConfig(Boolean enabled, List<String> developerKeys, String relayApplication) {
  private static final int MAX_KEYS = 10_000;
  private static final int MAX_KEY_LENGTH = 128;

  public CirrusConfig {
    enabled = Check.orDefault(enabled, false);
    developerKeys = List.copyOf(Check.orDefault(developerKeys, List.of()));
    Check.range("developerKeys", developerKeys.size(), 0, MAX_KEYS);
    for (String key : developerKeys) {
      Check.notBlank("developerKeys", key);
      Check.range("developerKeys", key.length(), 1, MAX_KEY_LENGTH);
    }
    relayApplication = Check.orDefault(relayApplication, "");
  }

  public static CirrusConfig defaults() {
    return new CirrusConfig(null, null, null);
  }
}
