package org.nimbusmedia.server.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /**
   * The client's details and counters now, for the admin API; completes on the connection's own
   * thread. A protocol that does not count something reports 0 or an empty string for it.
   */
  default CompletionStage<ClientInfo> info() {
    return CompletableFuture.completedFuture(new ClientInfo("", "", "", 0, 0, 0, 0, 0, List.of()));
  }
}
