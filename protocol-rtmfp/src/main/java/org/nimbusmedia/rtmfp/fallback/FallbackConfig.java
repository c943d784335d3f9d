package org.nimbusmedia.rtmfp.fallback;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * How {@link FallbackConnector} tries the protocols.
 *
 * @param order the protocols to try, most preferred first, each at most once
 * @param mode one after the other, or all at once
 * @param attemptTimeout how long one attempt may take, from its start to {@code
 *     NetConnection.Connect.Success}. Flash Player gives up on RTMFP only after 90 s; the seed
 *     article's sample, and this default, use 5 s.
 */
public record FallbackConfig(List<Protocol> order, Mode mode, Duration attemptTimeout) {

  /** RTMFP, then RTMP, then RTMPT, one after the other, 5 s each. */
  public static final FallbackConfig DEFAULTS =
      new FallbackConfig(
          List.of(Protocol.RTMFP, Protocol.RTMP, Protocol.RTMPT),
          Mode.SEQUENTIAL,
          Duration.ofSeconds(5));

  /** Validates every field. */
  public FallbackConfig {
    order = List.copyOf(order);
    if (order.isEmpty() || EnumSet.copyOf(order).size() != order.size()) {
      throw new IllegalArgumentException(
          "order must name one or more protocols, each once, got " + order);
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException("attemptTimeout must be positive, got " + attemptTimeout);
    }
  }

  /** A copy with another mode. */
  public FallbackConfig withMode(Mode value) {
    return new FallbackConfig(order, value, attemptTimeout);
  }

  /** A copy with another attempt timeout. */
  public FallbackConfig withAttemptTimeout(Duration value) {
    return new FallbackConfig(order, mode, value);
  }

  /** A copy with another preference order. */
  public FallbackConfig withOrder(List<Protocol> value) {
    return new FallbackConfig(value, mode, attemptTimeout);
  }
}
