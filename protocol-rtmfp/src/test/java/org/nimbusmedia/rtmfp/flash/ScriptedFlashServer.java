package org.nimbusmedia.rtmfp.flash;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;

/**
 * Answers like a Flash media server on return flows (RFC 7425 section 5.3): {@code connect} with
 * Connect.Success followed by Set Keepalive Timers, {@code createStream} with stream 1, {@code
 * publish} and {@code play} with their start status, {@code setPeerInfo} with nothing, anything
 * else with {@code _error}. Every command is queued for the test to inspect; media is counted.
 */
public final class ScriptedFlashServer implements SessionListener {
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Map<StreamKey, Long> replyFlows = new ConcurrentHashMap<>();
  private final Map<Session, Long> netConnectionFlows = new ConcurrentHashMap<>();

  /** Every command received, in order. */
  public final BlockingQueue<Command> received = new LinkedBlockingQueue<>();

  /** Messages other than commands (media, data, user control) received. */
  public final AtomicLong media = new AtomicLong();

  /** Flows the client opened, as first seen. */
  public final BlockingQueue<ReceiveFlow> flows = new LinkedBlockingQueue<>();

  /** The flow that answered each client flow, by the client's flow id. */
  public final Map<Long, Long> answeredOn = new ConcurrentHashMap<>();

  /**
   * Opens an idle flow first, as a server announcing something would, so that this end's flow ids
   * differ from the client's and a client that confuses the two is caught.
   */
  @Override
  public void sessionOpened(Session session) {
    session.openFlow(TcMetadata.control().encode(), -1, 2);
  }

  @Override
  public void message(Session session, ReceiveFlow flow, byte[] bytes) {
    TcMetadata tc = TcMetadata.decode(flow.metadata());
    FlowMessage message = FlowMessage.decode(bytes);
    if (tc == null || !FlowCommands.isCommand(message)) {
      media.incrementAndGet();
      return;
    }
    Command c = commands.decode(message, tc.streamId());
    if (!flows.contains(flow)) {
      flows.add(flow);
    }
    received.add(c);
    Command reply = reply(c, tc.streamId());
    if (reply == null) {
      return;
    }
    // Replies for every stream go in return for the client's NetConnection flow, with the
    // stream's TC metadata: rtmfp-cpp clients accept server flows only there (RFC 7425 section
    // 5.1), Flash-style ones find the stream by the metadata either way.
    if (tc.streamId() == 0) {
      netConnectionFlows.putIfAbsent(session, flow.flowId());
    }
    long netConnection = netConnectionFlows.getOrDefault(session, flow.flowId());
    long back =
        replyFlows.computeIfAbsent(
            new StreamKey(session, tc.streamId()),
            k -> session.openFlow(tc.encode(), netConnection, 0));
    answeredOn.put(flow.flowId(), back);
    session.send(back, commands.encode(reply).encode());
    if (c.name().equals("connect")) {
      session.send(back, FlashUserControl.keepaliveTimers(15000, 10000).encode());
    }
  }

  private static Command reply(Command c, int streamId) {
    return switch (c.name()) {
      case "connect" ->
          Command.of(
              "_result",
              c.transactionId(),
              null,
              AmfObject.of(
                  "level",
                  "status",
                  "code",
                  "NetConnection.Connect.Success",
                  "objectEncoding",
                  0.0));
      case "createStream" -> Command.of("_result", c.transactionId(), null, 1.0);
      case "publish" -> status("NetStream.Publish.Start").onStream(streamId);
      case "play" -> status("NetStream.Play.Start").onStream(streamId);
      case "setPeerInfo", "closeStream", "deleteStream" -> null;
      default -> Command.of("_error", c.transactionId(), null, "unknown");
    };
  }

  private static Command status(String code) {
    return Command.of("onStatus", 0, null, AmfObject.of("level", "status", "code", code));
  }

  @Override
  public void sessionClosed(Session session) {
    replyFlows.keySet().removeIf(k -> k.session() == session);
    netConnectionFlows.remove(session);
  }

  private record StreamKey(Session session, int streamId) {}
}
