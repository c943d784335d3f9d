package org.nimbusmedia.server;

import java.net.InetSocketAddress;
import java.time.Clock;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.server.rtmfp.RtmfpConnections;

/**
 * The RTMFP listener: one UDP socket answering handshakes and peer lookups, whose sessions join the
 * application path through {@link RtmfpConnections}.
 */
final class RtmfpFrontEnd implements FrontEnd {
  private final InetSocketAddress address;
  private final EventLoops loops;
  private final RtmfpConfig transport;
  private final RtmfpConnections connections;
  private RtmfpEndpoint endpoint;

  RtmfpFrontEnd(
      InetSocketAddress address,
      EventLoops loops,
      RtmfpConfig transport,
      RtmfpConnections connections) {
    this.address = address;
    this.loops = loops;
    this.transport = transport;
    this.connections = connections;
  }

  @Override
  public String protocol() {
    return "rtmfp";
  }

  @Override
  public void start() {
    endpoint =
        RtmfpEndpoint.bind(
            loops.datagrams(), address, transport, connections, true, Clock.systemUTC());
    connections.attach(endpoint);
  }

  @Override
  public InetSocketAddress localAddress() {
    return endpoint.localAddress();
  }

  /** The endpoint, for its counters. */
  RtmfpEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
