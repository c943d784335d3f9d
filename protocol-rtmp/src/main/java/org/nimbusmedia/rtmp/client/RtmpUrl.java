package org.nimbusmedia.rtmp.client;

import java.net.URI;

/**
 * The parts of an {@code rtmp://host[:port]/app[/instance]}, {@code rtmps://...} or {@code
 * rtmpt://...} URL that {@code connect} needs.
 *
 * @param host the server host
 * @param port the TCP port; when the URL names none, 1935 for rtmp, 443 for rtmps (FMS's RTMPS
 *     port) and 80 for rtmpt (HTTP's, where FMS tunnels; {@code reference/fms4.md} section 3)
 * @param secure whether the URL is rtmps: RTMP inside TLS
 * @param tunnelled whether the URL is rtmpt: RTMP inside HTTP POSTs
 * @param app what Flash Player sends as {@code app}: the path without its leading slash, with the
 *     instance and the query if any
 * @param tcUrl the URL itself, sent as {@code tcUrl}
 */
public record RtmpUrl(
    String host, int port, boolean secure, boolean tunnelled, String app, String tcUrl) {

  /** The RTMP port (RTMP 1.0 section 4: 1935). */
  public static final int DEFAULT_PORT = 1935;

  /** The RTMPS port when the URL names none (HTTPS's, which FMS used for RTMPS). */
  public static final int DEFAULT_TLS_PORT = 443;

  /** The RTMPT port when the URL names none (HTTP's, FMS's default tunnel port). */
  public static final int DEFAULT_TUNNEL_PORT = 80;

  /**
   * Parses an RTMP URL.
   *
   * @throws IllegalArgumentException if the scheme is not {@code rtmp}, {@code rtmps} or {@code
   *     rtmpt}, or host or app is missing
   */
  public static RtmpUrl parse(URI uri) {
    boolean secure = "rtmps".equalsIgnoreCase(uri.getScheme());
    boolean tunnelled = "rtmpt".equalsIgnoreCase(uri.getScheme());
    if (!secure && !tunnelled && !"rtmp".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not an rtmp://, rtmps:// or rtmpt:// URL: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("RTMP URL without a host: " + uri);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String app = path.startsWith("/") ? path.substring(1) : path;
    if (app.endsWith("/")) {
      app = app.substring(0, app.length() - 1);
    }
    if (app.isEmpty()) {
      throw new IllegalArgumentException("RTMP URL without an application: " + uri);
    }
    if (uri.getRawQuery() != null) {
      app = app + "?" + uri.getRawQuery();
    }
    int defaultPort = secure ? DEFAULT_TLS_PORT : tunnelled ? DEFAULT_TUNNEL_PORT : DEFAULT_PORT;
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    return new RtmpUrl(uri.getHost(), port, secure, tunnelled, app, uri.toString());
  }
}
