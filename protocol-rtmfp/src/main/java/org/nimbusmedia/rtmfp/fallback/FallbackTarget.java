package org.nimbusmedia.rtmfp.fallback;

import java.net.URI;
import java.util.Objects;

/**
 * Where to connect: one server host and application, and the port of each protocol.
 *
 * @param host the server's host name or IP literal
 * @param app the application, and its instance if any ({@code app[/instance]})
 * @param rtmfpPort the UDP port of RTMFP
 * @param rtmpPort the TCP port of RTMP
 * @param rtmptPort the TCP (HTTP) port of RTMPT
 */
public record FallbackTarget(String host, String app, int rtmfpPort, int rtmpPort, int rtmptPort) {

  /** FMS's ports ({@code reference/fms4.md}): 1935 for RTMFP and RTMP, 80 for RTMPT. */
  public static FallbackTarget of(String host, String app) {
    return new FallbackTarget(host, app, 1935, 1935, 80);
  }

  /** Validates host, app and every port. */
  public FallbackTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(app, "app");
    if (host.isEmpty() || app.isEmpty() || app.startsWith("/")) {
      throw new IllegalArgumentException(
          "host and app must be non-empty and app without a leading slash, got "
              + host
              + " and "
              + app);
    }
    requirePort("rtmfpPort", rtmfpPort);
    requirePort("rtmpPort", rtmpPort);
    requirePort("rtmptPort", rtmptPort);
  }

  private static void requirePort(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 1..65535, got " + port);
    }
  }

  /** A copy with another port for {@code protocol}. */
  public FallbackTarget withPort(Protocol protocol, int port) {
    return switch (protocol) {
      case RTMFP -> new FallbackTarget(host, app, port, rtmpPort, rtmptPort);
      case RTMP -> new FallbackTarget(host, app, rtmfpPort, port, rtmptPort);
      case RTMPT -> new FallbackTarget(host, app, rtmfpPort, rtmpPort, port);
    };
  }

  /** The port of {@code protocol}. */
  public int port(Protocol protocol) {
    return switch (protocol) {
      case RTMFP -> rtmfpPort;
      case RTMP -> rtmpPort;
      case RTMPT -> rtmptPort;
    };
  }

  /** {@code scheme://host:port/app}, what Flash Player's {@code NetConnection.connect} is given. */
  public URI uri(Protocol protocol) {
    String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create(protocol.scheme() + "://" + literal + ":" + port(protocol) + "/" + app);
  }
}
