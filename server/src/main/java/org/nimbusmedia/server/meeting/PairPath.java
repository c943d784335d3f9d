package org.nimbusmedia.server.meeting;

/**
 * How one publisher's stream reaches one subscriber. A pair starts {@link #TRYING}: the media goes
 * through the server, which always works, while the subscriber also plays the direct stream; it is
 * {@link #DIRECT} once either end reports the direct stream playing, and {@link #RELAY} when direct
 * is impossible or not wanted (the seed article's "Failover in case of firewall blocking", after
 * RFC 5245's try-then-prefer approach).
 */
public enum PairPath {
  TRYING("trying"),
  DIRECT("direct"),
  RELAY("relay");

  private final String code;

  PairPath(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the publisher must send this pair's media to the server. */
  boolean needsServer() {
    return this != DIRECT;
  }

  /** Whether the publisher must offer its direct stream to this subscriber. */
  boolean needsDirect() {
    return this != RELAY;
  }
}
