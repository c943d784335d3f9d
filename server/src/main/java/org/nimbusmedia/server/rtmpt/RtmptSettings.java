package org.nimbusmedia.server.rtmpt;

import java.time.Duration;

/**
 * The tunnel's bounds and timers. The defaults follow FMS 4's {@code Adaptor.xml HTTPTunnel}
 * ({@code reference/fms4.md} section 3) where it has a value.
 *
 * @param idleTimeout a session with no request for this long is closed ({@code IdleTimeout} 60 s)
 * @param idleAckInterval the longest an {@code idle} request is held while there is nothing to send
 *     ({@code IdleAckInterval} 512 ms)
 * @param gapTimeout the longest requests wait for a missing earlier one before the session is
 *     closed: its bytes would be lost otherwise
 * @param maxRequestBody largest POST body, in bytes; a larger one is answered with 413
 * @param pendingHighWater buffered server-to-client bytes above which the RTMP connection counts as
 *     unwritable (its subscribers then queue and drop as on a slow socket)
 * @param pendingLowWater buffered bytes below which it is writable again
 * @param maxPendingBytes buffered bytes at which the session is closed: a client that never polls
 * @param maxPipelined requests of one session waiting for a missing earlier one ({@code
 *     MaxPipelinedRequests} 5, with room to spare), and requests in flight on one HTTP connection
 * @param maxInitialLineLength longest HTTP request line ({@code MaxHeaderLineLength} 1024)
 * @param maxSessions sessions open at once; {@code open} beyond it is answered with 503
 */
record RtmptSettings(
    Duration idleTimeout,
    Duration idleAckInterval,
    Duration gapTimeout,
    int maxRequestBody,
    int pendingHighWater,
    int pendingLowWater,
    int maxPendingBytes,
    int maxPipelined,
    int maxInitialLineLength,
    int maxSessions) {

  /** FMS 4's values and the server's own bounds. */
  static final RtmptSettings DEFAULTS =
      new RtmptSettings(
          Duration.ofSeconds(60),
          Duration.ofMillis(512),
          Duration.ofSeconds(5),
          4 * 1024 * 1024,
          256 * 1024,
          64 * 1024,
          4 * 1024 * 1024,
          16,
          1024,
          10_000);

  /** These settings with at most {@code sessions} sessions open at once. */
  RtmptSettings withMaxSessions(int sessions) {
    return new RtmptSettings(
        idleTimeout,
        idleAckInterval,
        gapTimeout,
        maxRequestBody,
        pendingHighWater,
        pendingLowWater,
        maxPendingBytes,
        maxPipelined,
        maxInitialLineLength,
        sessions);
  }
}
