package org.nimbusmedia.server.rtmp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.server.script.BandwidthCheck;

/** An RTMP connection as its application's script sees it: the FMS {@code Client} object. */
final class RtmpClientHandle implements ClientHandle {
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

  private final RtmpSession session;
  private BandwidthLimits limits;

  RtmpClientHandle(RtmpSession session) {
    this.session = session;
  }

  /** Made on first use: the handle exists before its session has a channel. */
  private synchronized BandwidthLimits limits() {
    if (limits == null) {
      // Until a script sets limits: what the connect reply announced (Window Ack Size, Set Peer
      // Bandwidth).
      limits =
          new BandwidthLimits(
              session.channel(),
              session.settings().windowAckSize(),
              session.settings().peerBandwidth());
    }
    return limits;
  }

  @Override
  public String id() {
    return session.id();
  }

  @Override
  public String ip() {
    return session.ip();
  }

  @Override
  public String agent() {
    return parameter("flashVer");
  }

  @Override
  public String protocol() {
    return session.protocol();
  }

  @Override
  public String referrer() {
    return parameter("swfUrl");
  }

  @Override
  public String pageUrl() {
    return parameter("pageUrl");
  }

  @Override
  public String uri() {
    return parameter("tcUrl");
  }

  @Override
  public String farId() {
    return rtmfp(RtmfpPeer::farId);
  }

  @Override
  public String nearId() {
    return rtmfp(RtmfpPeer::nearId);
  }

  @Override
  public String farNonce() {
    return rtmfp(RtmfpPeer::farNonce);
  }

  @Override
  public String nearNonce() {
    return rtmfp(RtmfpPeer::nearNonce);
  }

  /** An RTMFP-only property; empty for other protocols, as FMS leaves it. */
  private String rtmfp(Function<RtmfpPeer, String> property) {
    RtmfpPeer peer = RtmfpPeer.of(session.channel());
    return peer == null ? "" : property.apply(peer);
  }

  private String parameter(String name) {
    return session.connectParameters().get(name) instanceof String value ? value : "";
  }

  @Override
  public void call(String method, List<Object> args, CallResultListener listener) {
    session.channel().eventLoop().execute(() -> session.callWithResult(method, args, listener));
  }

  @Override
  public boolean ping() {
    if (!session.channel().isActive()) {
      return false;
    }
    session.ping(PING_TIMEOUT);
    return true;
  }

  @Override
  public Map<String, Object> stats() {
    return AmfObject.of(
        "msg_in", (double) session.messagesIn(),
        "msg_out", (double) session.messagesOut(),
        "protocol", session.protocol());
  }

  @Override
  public long bandwidthLimit(int direction) {
    return limits().get(direction);
  }

  @Override
  public void setBandwidthLimit(long serverToClient, long clientToServer) {
    limits().set(serverToClient, clientToServer);
  }

  @Override
  public void checkBandwidth() {
    BandwidthCheck.start(this);
  }

  @Override
  public void disconnect() {
    session.channel().close();
  }

  @Override
  public void disconnectForShutdown() {
    session.closeForShutdown();
  }

  @Override
  public String toString() {
    return session.toString();
  }
}
