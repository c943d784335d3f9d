package org.nimbusmedia.rtmfp.fallback;

import java.util.Locale;

/** The ways Flash Player reaches a media server, each named by its URL scheme. */
public enum Protocol {
  /** RTMFP over UDP (RFC 7016, RFC 7425): lowest latency, direct peer media; UDP may be blocked. */
  RTMFP,
  /** RTMP over TCP: works where UDP does not, unless the port is blocked. */
  RTMP,
  /** RTMP tunnelled in HTTP POSTs: passes firewalls and proxies that only let HTTP through. */
  RTMPT;

  /** The URL scheme: {@code rtmfp}, {@code rtmp} or {@code rtmpt}. */
  public String scheme() {
    return name().toLowerCase(Locale.ROOT);
  }
}
