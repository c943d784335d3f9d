package org.nimbusmedia.rtmfp.fallback;

import java.net.URI;
import java.time.Duration;

/** What every {@link ServerConnection} knows of how it was made. */
abstract class ConnectionBase implements ServerConnection {
  private final Protocol protocol;
  private final URI uri;
  private volatile Duration connectTime = Duration.ZERO;

  ConnectionBase(Protocol protocol, URI uri) {
    this.protocol = protocol;
    this.uri = uri;
  }

  @Override
  public final Protocol protocol() {
    return protocol;
  }

  @Override
  public final URI uri() {
    return uri;
  }

  @Override
  public final Duration connectTime() {
    return connectTime;
  }

  /** Set by the connector when this connection wins: the time the caller waited for it. */
  final void won(Duration afterStart) {
    connectTime = afterStart;
  }

  @Override
  public String toString() {
    return protocol + " " + uri;
  }
}
