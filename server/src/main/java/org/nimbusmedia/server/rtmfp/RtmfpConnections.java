package org.nimbusmedia.server.rtmfp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;
import org.nimbusmedia.server.metrics.RtmfpMeters;

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
  private final RtmfpMeters meters;
  private final Map<Session, RtmfpConnection> connections = new HashMap<>();
  private volatile RtmfpEndpoint endpoint;

  /**
   * @param applicationPipeline the RTMP application handlers for message transports
   * @param isApplication whether a name is an application folder (for the Cirrus mode)
   * @param meters sessions opened and closed
   */
  public RtmfpConnections(
      ChannelHandler applicationPipeline,
      Predicate<String> isApplication,
      EventLoopGroup loops,
      RtmfpSettings settings,
      RtmfpMeters meters) {
    this.meters = meters;
    this.applicationPipeline = cirrusAware(applicationPipeline, isApplication, settings);
    this.loops = loops;
    this.settings = settings;
  }

  /** The application handlers, with the Cirrus gate in front of the connection when enabled. */
  private static ChannelHandler cirrusAware(
      ChannelHandler applicationPipeline, Predicate<String> isApplication, RtmfpSettings settings) {
    if (!settings.cirrus().enabled()) {
      return applicationPipeline;
    }
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast(applicationPipeline);
        // Runs after the application handlers are in place: initializers run in order.
        channel
            .pipeline()
            .addLast(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addBefore(
                            "connection",
                            "cirrus",
                            new CirrusGate(settings.cirrus(), isApplication));
                  }
                });
      }
    };
  }

  /** The endpoint whose sessions these are; set once it is bound, before any session opens. */
  public void attach(RtmfpEndpoint boundEndpoint) {
    this.endpoint = boundEndpoint;
    meters.watch(boundEndpoint.stats());
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
    meters.sessionOpened();
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
  public void roundTrip(Session session, long millis) {
    meters.roundTrip(Duration.ofMillis(millis));
  }

  @Override
  public void retransmitted(Session session, int fragments) {
    meters.retransmitted(fragments);
  }

  /**
   * The client closed its session (RFC 7016 section 3.5.5.2): the connection ends now. The session
   * itself lingers a while only to acknowledge a repeated close request, and then reports {@link
   * #sessionClosed}, which finds nothing left to end.
   */
  @Override
  public void sessionClosedByFarEnd(Session session) {
    sessionClosed(session);
  }

  @Override
  public void sessionClosed(Session session) {
    RtmfpConnection connection = connections.remove(session);
    if (connection != null) {
      meters.sessionClosed();
      connection.sessionClosed();
    }
  }
}
