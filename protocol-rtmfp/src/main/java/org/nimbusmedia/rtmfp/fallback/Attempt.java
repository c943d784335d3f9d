package org.nimbusmedia.rtmfp.fallback;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One failed connection attempt.
 *
 * @param protocol the protocol tried
 * @param uri the URL it was given
 * @param elapsed from the attempt's start to its failure
 * @param failure why it failed: a timeout, an I/O error, or the server's refusal
 */
public record Attempt(Protocol protocol, URI uri, Duration elapsed, Throwable failure) {

  public Attempt {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** {@code RTMP rtmp://host:1935/app failed after 3 ms: Connection refused}. */
  @Override
  public String toString() {
    String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return protocol + " " + uri + " failed after " + elapsed.toMillis() + " ms: " + reason;
  }
}
