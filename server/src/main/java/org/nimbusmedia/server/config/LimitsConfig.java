package org.nimbusmedia.server.config;

import java.time.Duration;

/**
 * What one client may cost the server. Every length read from the wire is checked against these
 * before anything is allocated.
 *
 * @param maxConnections connections open at once, all protocols together
 * @param maxConnectionsPerIp connections open at once from one remote address
 * @param maxPendingHandshakes connections still in the handshake at once
 * @param maxMessageSize largest RTMP message a client may announce, in bytes
 * @param maxChunkSize largest Set Chunk Size a client may ask for (the RTMP specification allows up
 *     to 2^31-1, section 5.4.1)
 * @param maxChunkStreams chunk streams with a partial message in flight on one connection
 * @param handshakeTimeout time a client has to finish the handshake
 * @param idleTimeout time without application data after which a client is closed; 0 disables it
 */
public record LimitsConfig(
    Integer maxConnections,
    Integer maxConnectionsPerIp,
    Integer maxPendingHandshakes,
    Integer maxMessageSize,
    Integer maxChunkSize,
    Integer maxChunkStreams,
    Duration handshakeTimeout,
    Duration idleTimeout) {
  public LimitsConfig {
    maxConnections =
        Check.range("maxConnections", Check.orDefault(maxConnections, 10_000), 1, 1_000_000);
    maxConnectionsPerIp =
        Check.range(
            "maxConnectionsPerIp", Check.orDefault(maxConnectionsPerIp, 1_000), 1, 1_000_000);
    maxPendingHandshakes =
        Check.range(
            "maxPendingHandshakes", Check.orDefault(maxPendingHandshakes, 1_000), 1, 1_000_000);
    maxMessageSize =
        Check.range(
            "maxMessageSize",
            Check.orDefault(maxMessageSize, 16 * 1024 * 1024),
            1024,
            256 * 1024 * 1024);
    maxChunkSize =
        Check.range("maxChunkSize", Check.orDefault(maxChunkSize, 65_536), 128, Integer.MAX_VALUE);
    maxChunkStreams =
        Check.range("maxChunkStreams", Check.orDefault(maxChunkStreams, 64), 2, 65_599);
    handshakeTimeout =
        Check.range(
            "handshakeTimeout",
            Check.orDefault(handshakeTimeout, Duration.ofSeconds(10)),
            Duration.ofMillis(100),
            Duration.ofMinutes(10));
    idleTimeout =
        Check.range(
            "idleTimeout",
            Check.orDefault(idleTimeout, Duration.ZERO),
            Duration.ZERO,
            Duration.ofDays(7));
  }

  public static LimitsConfig defaults() {
    return new LimitsConfig(null, null, null, null, null, null, null, null);
  }
}
