package org.nimbusmedia.server.rtmpt;

import java.time.Duration;
import java.util.List;
import org.nimbusmedia.server.config.RtmptConfig;

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
 * @param pollingIntervals the polling-interval bytes, shortest first ({@link PollingSchedule})
 * @param emptyRepliesPerStep empty replies before the interval steps up
 * @param ident2 the body of the {@code /fcs/ident2} reply
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
    int maxSessions,
    List<Integer> pollingIntervals,
    int emptyRepliesPerStep,
    String ident2) {

  /** FMS 4's values and the server's own bounds, with the configurable ones at their defaults. */
  static final RtmptSettings DEFAULTS = of(RtmptConfig.defaults(), 10_000);

  /**
   * The configured settings ({@code rtmpt} in nimbus.yaml) and the fixed bounds, with at most
   * {@code maxSessions} sessions open at once.
   */
  static RtmptSettings of(RtmptConfig config, int maxSessions) {
    return new RtmptSettings(
        config.idleTimeout(),
        Duration.ofMillis(512),
        Duration.ofSeconds(5),
        4 * 1024 * 1024,
        256 * 1024,
        64 * 1024,
        config.maxBufferedBytes(),
        16,
        1024,
        maxSessions,
        config.pollingIntervals(),
        config.emptyRepliesPerStep(),
        config.ident2());
  }
}
