package org.nimbusmedia.rtmp.client;

import java.net.URI;

/**
 * The parts of an {@code rtmp://host[:port]/app[/instance]} URL that {@code connect} needs.
 *
 * @param host the server host
 * @param port the TCP port, 1935 when the URL names none
 * @param app what Flash Player sends as {@code app}: the path without its leading slash, with the
 *     instance and the query if any
 * @param tcUrl the URL itself, sent as {@code tcUrl}
 */
public record RtmpUrl(String host, int port, String app, String tcUrl) {

  /** The RTMP port (RTMP 1.0 section 4: 1935). */
  public static final int DEFAULT_PORT = 1935;

  /**
   * Parses an RTMP URL.
   *
   * @throws IllegalArgumentException if the scheme is not {@code rtmp}, or host or app is missing
   */
  public static RtmpUrl parse(URI uri) {
    if (!"rtmp".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("not an rtmp:// URL: " + uri);
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
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new RtmpUrl(uri.getHost(), port, app, uri.toString());
  }
}
