package org.nimbusmedia.server.rtmfp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import java.util.HashMap;
import java.util.Map;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;

/**
 * The RTMFP front end's sessions as connections on the application path: each session a client
 * opens becomes an {@link RtmfpConnection} whose channel gets {@code applicationPipeline} and runs
 * on one of {@code loops}. Session events arrive on the endpoint's event loop, the only thread that
 * touches the map.
 */
public final class RtmfpConnections implements SessionListener {
  private final ChannelHandler applicationPipeline;
  private final EventLoopGroup loops;
  private final RtmfpSettings settings;
  private final Map<Session, RtmfpConnection> connections = new HashMap<>();
  private volatile RtmfpEndpoint endpoint;

  public RtmfpConnections(
      ChannelHandler applicationPipeline, EventLoopGroup loops, RtmfpSettings settings) {
    this.applicationPipeline = applicationPipeline;
    this.loops = loops;
    this.settings = settings;
  }

  /** The endpoint whose sessions these are; set once it is bound, before any session opens. */
  public void attach(RtmfpEndpoint boundEndpoint) {
    this.endpoint = boundEndpoint;
  }

  @Override
  public void sessionOpened(Session session) {
    if (session.initiator()) {
      return; // the server opens no sessions of its own
    }
    RtmfpConnection connection =
        new RtmfpConnection(
            session, settings, endpoint.responderFingerprint(), endpoint.localAddress(), () -> {});
    connections.put(session, connection);
    connection.start(loops.next(), applicationPipeline);
  }

  @Override
  public void message(Session session, ReceiveFlow flow, byte[] message) {
    RtmfpConnection connection = connections.get(session);
    if (connection != null) {
      connection.received(flow, message);
    }
  }

  @Override
  public void sessionClosed(Session session) {
    RtmfpConnection connection = connections.remove(session);
    if (connection != null) {
      connection.sessionClosed();
    }
  }
}
