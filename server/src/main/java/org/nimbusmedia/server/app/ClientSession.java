package org.nimbusmedia.server.app;

/**
 * A connected client as an application instance sees it, whatever its protocol: the {@code
 * Connection} of the architecture.
 */
public interface ClientSession {
  /** Unique within the server, stable for the connection's life. */
  String id();

  /** "rtmp", "rtmpt", "rtmps" or "rtmfp". */
  String protocol();

  /** The remote address as text, such as {@code 127.0.0.1}. */
  String ip();

  /** Closes the connection. */
  void disconnect();
}
