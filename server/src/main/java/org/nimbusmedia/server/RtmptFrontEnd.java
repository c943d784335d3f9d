package org.nimbusmedia.server;

import io.netty.channel.ChannelHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.nimbusmedia.server.rtmpt.RtmptTunnel;

/** The RTMPT front end: the tunnel's in-VM RTMP server and the HTTP listener that feeds it. */
final class RtmptFrontEnd implements FrontEnd {
  private final RtmptTunnel tunnel;
  private final EventLoops loops;
  private final TcpFrontEnd http;

  /**
   * @param services other HTTP services on the same port, ahead of the tunnel
   */
  RtmptFrontEnd(
      InetSocketAddress address,
      EventLoops loops,
      RtmptTunnel tunnel,
      List<Supplier<ChannelHandler>> services) {
    this.tunnel = tunnel;
    this.loops = loops;
    this.http = new TcpFrontEnd("rtmpt", address, loops, tunnel.httpInitializer(services));
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
