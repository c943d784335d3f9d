package org.nimbusmedia.rtmfp.fallback;

import java.util.List;
import java.util.stream.Collectors;

/** No protocol connected. Names every attempt and why it failed. */
public final class FallbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Attempt> attempts;

  /**
   * @param target what was connected to
   * @param attempts every attempt, in the order of the configured preference
   */
  public FallbackException(FallbackTarget target, List<Attempt> attempts) {
    super(
        "no protocol connected to "
            + target.host()
            + "/"
            + target.app()
            + ": "
            + attempts.stream().map(Attempt::toString).collect(Collectors.joining("; ")));
    this.attempts = List.copyOf(attempts);
  }

  /** Every attempt, most preferred protocol first. */
  public List<Attempt> attempts() {
    return attempts;
  }
}
