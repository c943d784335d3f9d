package org.nimbusmedia.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The RTMPT tunnel (FMS {@code Adaptor.xml HTTPTunnel}, fms4.md section 3).
 *
 * @param pollingIntervals the polling-interval bytes the server answers with, shortest first: the
 *     first when data flows, then each next one after {@code emptyRepliesPerStep} empty replies, up
 *     to the last (Red5's 1, 3, 5, 9, 17, 33; the byte counts about 16 ms, so 33 is about FMS's
 *     {@code IdlePostInterval} of 512 ms)
 * @param emptyRepliesPerStep empty replies before the interval steps up
 * @param idleTimeout a session with no request for this long is closed ({@code IdleTimeout})
 * @param maxBufferedBytes server-to-client bytes one session may hold for a client that does not
 *     poll; beyond it the session is closed
 * @param ident2 the answer to {@code POST /fcs/ident2}: empty as FMS with {@code HTTPIdent2}
 *     disabled (the player keeps its host name), or the address players should use for the rest of
 *     the session, e.g. this node's behind a load balancer
 */
public record RtmptConfig(
    List<Integer> pollingIntervals,
    Integer emptyRepliesPerStep,
    Duration idleTimeout,
    Integer maxBufferedBytes,
    String ident2) {
  static final List<Integer> DEFAULT_POLLING_INTERVALS = List.of(1, 3, 5, 9, 17, 33);

  public RtmptConfig {
    pollingIntervals = intervals(Check.orDefault(pollingIntervals, DEFAULT_POLLING_INTERVALS));
    emptyRepliesPerStep =
        Check.range("emptyRepliesPerStep", Check.orDefault(emptyRepliesPerStep, 10), 1, 10_000);
    idleTimeout =
        Check.range(
            "idleTimeout",
            Check.orDefault(idleTimeout, Duration.ofSeconds(60)),
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    // Above the 256 KiB at which a session's RTMP connection stops taking writes.
    maxBufferedBytes =
        Check.range(
            "maxBufferedBytes",
            Check.orDefault(maxBufferedBytes, 4 * 1024 * 1024),
            512 * 1024,
            256 * 1024 * 1024);
    ident2 = address(Check.orDefault(ident2, ""));
  }

  public static RtmptConfig defaults() {
    return new RtmptConfig(null, null, null, null, null);
  }

  /**
   * 1 to 16 bytes from 1 to 255 (0 means "close" to a player), none shorter than the one before.
   */
  private static List<Integer> intervals(List<Integer> given) {
    String expected = "1 to 16 polling bytes from 1 to 255, shortest first";
    if (given.isEmpty() || given.size() > 16) {
      throw new InvalidValueException("pollingIntervals", given, expected);
    }
    int previous = 1;
    for (Integer interval : given) {
      if (interval == null || interval < previous || interval > 255) {
        throw new InvalidValueException("pollingIntervals", given, expected);
      }
      previous = interval;
    }
    return List.copyOf(given);
  }

  /** Empty, or a host name or IP address: at most 255 printable characters without spaces. */
  private static String address(String given) {
    if (given.length() > 255 || !given.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw new InvalidValueException(
          "ident2", "\"" + given + "\"", "empty, or a host name or IP address");
    }
    return given;
  }
}
