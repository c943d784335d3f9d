package org.nimbusmedia.rtmfp.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;

/** The client against a scripted responder that answers like a Flash media server. */
class RtmfpClientTest {
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private RtmfpEndpoint server;
  private final BlockingQueue<Command> serverCommands = new LinkedBlockingQueue<>();

  /** Answers connect, createStream and publish on return flows (RFC 7425 section 5.3). */
  private final class ScriptedServer implements SessionListener {
    private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
    private final Map<Long, Long> returnFlows = new ConcurrentHashMap<>();

    @Override
    public void message(Session session, ReceiveFlow flow, byte[] bytes) {
      TcMetadata tc = TcMetadata.decode(flow.metadata());
      Command c = commands.decode(FlowMessage.decode(bytes), tc.streamId());
      serverCommands.add(c);
      long back =
          returnFlows.computeIfAbsent(flow.flowId(), id -> session.openFlow(tc.encode(), id, 0));
      Command reply =
          switch (c.name()) {
            case "connect" ->
                Command.of(
                    "_result",
                    c.transactionId(),
                    null,
                    AmfObject.of("level", "status", "code", "NetConnection.Connect.Success"));
            case "createStream" -> Command.of("_result", c.transactionId(), null, 1.0);
            case "publish" ->
                Command.of(
                        "onStatus",
                        0,
                        null,
                        AmfObject.of("level", "status", "code", "NetStream.Publish.Start"))
                    .onStream(tc.streamId());
            default -> Command.of("_error", c.transactionId(), null, "unknown");
          };
      session.send(back, commands.encode(reply).encode());
      if (c.name().equals("connect")) {
        session.send(back, FlashUserControl.keepaliveTimers(15000, 10000).encode());
      }
    }
  }

  @AfterEach
  void stop() {
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void connectCallCreateStreamAndPublish() throws Exception {
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            new ScriptedServer(),
            true,
            Clock.systemUTC());
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
      Command connect = serverCommands.poll(20, TimeUnit.SECONDS);
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
    }
  }
}
