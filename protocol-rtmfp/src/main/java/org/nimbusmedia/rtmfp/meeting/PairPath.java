package org.nimbusmedia.rtmfp.meeting;

/**
 * How one publisher's stream reaches one subscriber, in the server's plans. A pair starts {@link
 * #TRYING}: the media goes through the server, which always works, while the subscriber also plays
 * the direct stream; it is {@link #DIRECT} once either end reports the direct stream playing, and
 * {@link #RELAY} when direct is impossible or not wanted (the seed article's "Failover in case of
 * firewall blocking", after RFC 5245's try-then-prefer approach). The server decides it, the
 * meeting client follows it: one vocabulary for both ends.
 */
public enum PairPath {
  TRYING("trying"),
  DIRECT("direct"),
  RELAY("relay");

  private final String code;

  PairPath(String code) {
    this.code = code;
  }

  /** The plan's word for it. */
  public String code() {
    return code;
  }

  /** The path named {@code code}; null when there is none. */
  public static PairPath of(String code) {
    for (PairPath path : values()) {
      if (path.code.equals(code)) {
        return path;
      }
    }
    return null;
  }

  /** Whether the publisher must send this pair's media to the server. */
  public boolean needsServer() {
    return this != DIRECT;
  }

  /** Whether the publisher must offer its direct stream to this subscriber. */
  public boolean needsDirect() {
    return this != RELAY;
  }
}
