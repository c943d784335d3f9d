package org.nimbusmedia.server;

import java.net.InetSocketAddress;
import org.nimbusmedia.server.rtmpt.RtmptTunnel;

/** The RTMPT front end: the tunnel's in-VM RTMP server and the HTTP listener that feeds it. */
final class RtmptFrontEnd implements FrontEnd {
  private final RtmptTunnel tunnel;
  private final EventLoops loops;
  private final TcpFrontEnd http;

  RtmptFrontEnd(InetSocketAddress address, EventLoops loops, RtmptTunnel tunnel) {
    this.tunnel = tunnel;
    this.loops = loops;
    this.http = new TcpFrontEnd("rtmpt", address, loops, tunnel.httpInitializer());
  }

  @Override
  public String protocol() {
    return "rtmpt";
  }

  @Override
  public void start() throws Exception {
    tunnel.start(loops.workers());
    try {
      http.start();
    } catch (Exception | Error e) {
      tunnel.stop();
      throw e;
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    return http.localAddress();
  }

  @Override
  public void stop() {
    http.stop();
    tunnel.stop();
  }
}
