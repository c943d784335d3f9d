package org.nimbusmedia.server.config;

import java.time.Duration;

/**
 * Meetings (rooms) of application instances: when their media goes peer to peer and when through
 * the server (the seed article "Best practices for real-time collaboration using Flash Media
 * Server": a full mesh for up to three participants, client-server beyond).
 *
 * @param meshLimit most participants that still send media to each other directly; one more
 *     switches the meeting to client-server (0 never meshes)
 * @param directTimeout how long a participant tries a direct stream, or waits for media on a direct
 *     stream that went quiet, before it reports the direct path failed and the pair relays through
 *     the server; sent to clients with each topology
 */
public record MeetingsConfig(Integer meshLimit, Duration directTimeout) {
  /** A mesh of n participants sends n - 1 copies of each stream up each uplink: keep it small. */
  static final int MAX_MESH_LIMIT = 16;

  public MeetingsConfig {
    meshLimit = Check.range("meshLimit", Check.orDefault(meshLimit, 3), 0, MAX_MESH_LIMIT);
    directTimeout =
        Check.range(
            "directTimeout",
            Check.orDefault(directTimeout, Duration.ofSeconds(3)),
            Duration.ofMillis(200),
            Duration.ofMinutes(1));
  }

  public static MeetingsConfig defaults() {
    return new MeetingsConfig(null, null);
  }
}
