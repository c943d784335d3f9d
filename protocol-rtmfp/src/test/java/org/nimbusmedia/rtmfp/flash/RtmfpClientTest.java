package org.nimbusmedia.rtmfp.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.command.Command;

/** The client against a scripted responder that answers like a Flash media server. */
class RtmfpClientTest {
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private RtmfpEndpoint server;
  private final ScriptedFlashServer scripted = new ScriptedFlashServer();

  @BeforeEach
  void start() {
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            scripted,
            true,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void connectCallCreateStreamAndPublish() throws Exception {
    try (RtmfpClient client =
        RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC())) {
      BlockingQueue<FlowMessage> events = new LinkedBlockingQueue<>();
      client.onMessage((stream, m) -> events.add(m));
      Command result =
          client
              .connect(server.localAddress(), "rtmfp://127.0.0.1/live", "live")
              .get(20, TimeUnit.SECONDS);
      assertEquals("_result", result.name());
      assertEquals("NetConnection.Connect.Success", ((Map<?, ?>) result.argument(0)).get("code"));
      Command connect = scripted.received.poll(20, TimeUnit.SECONDS);
      assertEquals("live", ((Map<?, ?>) connect.commandObject()).get("app"));

      FlowMessage keepalive = events.poll(20, TimeUnit.SECONDS);
      assertEquals(
          new FlashUserControl.KeepaliveTimers(15000, 10000),
          FlashUserControl.parseKeepaliveTimers(keepalive));

      assertEquals("_error", client.call("nothing").get(20, TimeUnit.SECONDS).name());
      int stream = client.createStream().get(20, TimeUnit.SECONDS);
      assertEquals(1, stream);
      client.publish(stream, "cam");
      FlowMessage status = events.poll(20, TimeUnit.SECONDS);
      Command onStatus = new FlowCommands(AmfLimits.DEFAULT).decode(status, stream);
      assertEquals("onStatus", onStatus.name());
      assertEquals("NetStream.Publish.Start", ((Map<?, ?>) onStatus.argument(0)).get("code"));

      // RFC 7016 section 2.3.11.1.2, as tcserver enforces: the NetStream flow is opened in
      // return for the server's NetConnection flow, not for the client's own.
      ReceiveFlow control = scripted.flows.poll(20, TimeUnit.SECONDS);
      ReceiveFlow publishFlow = scripted.flows.poll(20, TimeUnit.SECONDS);
      assertEquals(1, TcMetadata.decode(publishFlow.metadata()).streamId());
      assertEquals(scripted.answeredOn.get(control.flowId()), publishFlow.returnFlowId());
    }
  }

  @Test
  void aSessionTheServerClosesEndsTheClientAtOnceNotAfterItsLinger() throws Exception {
    try (RtmfpClient client =
        RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC())) {
      client
          .connect(server.localAddress(), "rtmfp://127.0.0.1/live", "live")
          .get(20, TimeUnit.SECONDS);
      CompletableFuture<Void> closed = client.closed();
      assertFalse(closed.isDone());

      server.sessions().forEach(Session::close);

      // RFC 7016 section 3.5.5.2: on a close request the session lingers in S_FAR_CLOSE_LINGER
      // (10 s here), but carries nothing more: the client is told at once.
      closed.get(5, TimeUnit.SECONDS);
    }
  }
}
