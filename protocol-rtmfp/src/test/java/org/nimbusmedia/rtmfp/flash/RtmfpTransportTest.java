package org.nimbusmedia.rtmfp.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.RtmfpTransport;
import org.nimbusmedia.rtmp.command.Command;

/** The endpoint's socket follows its event loop group: epoll on Linux, NIO as the fallback. */
class RtmfpTransportTest {

  @Test
  void epollServerAnswersNioClient() throws Exception {
    assumeTrue(RtmfpTransport.epollAvailable(), "native epoll transport not loadable here");
    EventLoopGroup epoll = RtmfpTransport.newGroup(1, new DefaultThreadFactory("epoll-test"));
    EventLoopGroup nio = new NioEventLoopGroup(1);
    try {
      RtmfpEndpoint server = bindServer(epoll);
      try (RtmfpClient client =
          RtmfpClient.create(nio, RtmfpConfig.defaults(), Clock.systemUTC())) {
        assertTrue(server.nativeTransport());
        Command result =
            client
                .connect(server.localAddress(), "rtmfp://127.0.0.1/live", "live")
                .get(20, TimeUnit.SECONDS);
        assertEquals("NetConnection.Connect.Success", ((Map<?, ?>) result.argument(0)).get("code"));
      } finally {
        server.close();
      }
    } finally {
      epoll.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void nioGroupGetsNioSocket() {
    EventLoopGroup nio = new NioEventLoopGroup(1);
    try {
      RtmfpEndpoint server = bindServer(nio);
      assertFalse(server.nativeTransport());
      server.close();
    } finally {
      nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static RtmfpEndpoint bindServer(EventLoopGroup group) {
    return RtmfpEndpoint.bind(
        group,
        new InetSocketAddress("127.0.0.1", 0),
        RtmfpConfig.defaults(),
        new ScriptedFlashServer(),
        true,
        Clock.systemUTC());
  }
}
