package org.nimbusmedia.rtmfp.flash;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.RtmfpEndpoint;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.session.SessionListener;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.Command;

/**
 * A minimal Flash-like RTMFP client for tests and load generation: connects to a server, sends
 * {@code connect} on the NetConnection flow (stream 0), makes calls and matches their {@code
 * _result} / {@code _error} by transaction id, and opens NetStream flows for {@code publish} and
 * {@code play} (RFC 7425 section 5). Replies arrive on the server's return flows.
 */
public final class RtmfpClient implements AutoCloseable {
  private final RtmfpEndpoint endpoint;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Map<Double, CompletableFuture<Command>> pending = new ConcurrentHashMap<>();
  private final Map<Integer, Long> streamFlows = new ConcurrentHashMap<>();
  private final AtomicInteger transactions = new AtomicInteger(1);
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile BiConsumer<Integer, FlowMessage> handler = (stream, message) -> {};
  private volatile PeerListener peerListener = (peer, flow, message) -> {};
  private volatile Session session;
  private volatile long controlFlow = -1;
  private volatile ObjectEncoding encoding = ObjectEncoding.AMF0;
  private volatile long serverControlFlow = -1;

  private RtmfpClient(
      EventLoopGroup group, InetSocketAddress local, RtmfpConfig config, Clock clock) {
    this.endpoint = RtmfpEndpoint.bind(group, local, config, new Listener(), false, clock);
  }

  /** Creates a client on an ephemeral loopback port. */
  public static RtmfpClient create(EventLoopGroup group, RtmfpConfig config, Clock clock) {
    return create(group, new InetSocketAddress("127.0.0.1", 0), config, clock);
  }

  /**
   * Creates a client whose UDP socket is bound to {@code local} (for a server elsewhere than on
   * loopback, the wildcard address and port 0). Binds at once: not for an event loop thread.
   */
  public static RtmfpClient create(
      EventLoopGroup group, InetSocketAddress local, RtmfpConfig config, Clock clock) {
    return new RtmfpClient(group, local, config, clock);
  }

  /** Receives every message that is not a reply to a call: (stream id, message). */
  public void onMessage(BiConsumer<Integer, FlowMessage> handler) {
    this.handler = handler;
  }

  /**
   * Asks for {@code objectEncoding} 3 in {@code connect} and sends every later command as AMF3
   * (type 0x11, RFC 7425 section 5.3.3), as Flash Player 10 does over RTMFP; {@code connect} itself
   * stays AMF0 because the encoding is not agreed yet.
   */
  public RtmfpClient useAmf3() {
    encoding = ObjectEncoding.AMF3;
    return this;
  }

  /** Receives the messages of direct sessions with other peers, in flow order. */
  @FunctionalInterface
  public interface PeerListener {
    /**
     * A message on a flow of a session with another peer (not the server).
     *
     * @param peer the peer session; {@link Session#farPeerId()} names the peer
     * @param flow the flow it came on, whose id new flows answer
     * @param message the message
     */
    void message(Session peer, ReceiveFlow flow, FlowMessage message);
  }

  /** Receives every message of direct peer sessions (those this client opens or accepts). */
  public void onPeerMessage(PeerListener listener) {
    this.peerListener = listener;
  }

  /**
   * Opens a direct session with another client by its peer ID, introduced by the server (RFC 7016
   * section 3.5.1.6); the other client answers because it holds that peer ID's certificate.
   */
  public CompletableFuture<Session> connectPeer(InetSocketAddress server, byte[] peerId) {
    return endpoint.connectPeer(server, peerId);
  }

  /**
   * Simulates a firewall: datagrams to or from addresses {@code filter} refuses are dropped (see
   * {@link RtmfpEndpoint#setReachable}).
   */
  public void setReachable(Predicate<InetSocketAddress> filter) {
    endpoint.setReachable(filter);
  }

  /** The UDP address this client sends from and listens on. */
  public InetSocketAddress localAddress() {
    return endpoint.localAddress();
  }

  /** This client's peer ID. */
  public byte[] peerId() {
    return endpoint.peerId();
  }

  /** The session, once connected. */
  public Session session() {
    return session;
  }

  /**
   * Opens a session and sends {@code connect}.
   *
   * @param server the server's address
   * @param tcUrl the rtmfp URI, also sent as EPD ancillary data
   * @param app the application name
   * @param args extra connect arguments, passed to the application's {@code onConnect}
   * @return the server's {@code _result} or {@code _error}
   */
  public CompletableFuture<Command> connect(
      InetSocketAddress server, String tcUrl, String app, Object... args) {
    return endpoint
        .connect(server, tcUrl)
        .thenCompose(
            s -> {
              session = s;
              controlFlow = s.openFlow(TcMetadata.control().encode(), -1, 0);
              AmfObject props =
                  AmfObject.of(
                      "app",
                      app,
                      "tcUrl",
                      tcUrl,
                      "flashVer",
                      "WIN 10,0,32,18",
                      "objectEncoding",
                      (double) encoding.code());
              return send(Command.of("connect", 1, props, args).withEncoding(ObjectEncoding.AMF0));
            });
  }

  /** Calls a server method on the NetConnection flow. */
  public CompletableFuture<Command> call(String name, Object... args) {
    return send(transactions.incrementAndGet(), name, null, args);
  }

  private CompletableFuture<Command> send(double tx, String name, Object object, Object... args) {
    return send(Command.of(name, tx, object, args).withEncoding(encoding));
  }

  private CompletableFuture<Command> send(Command command) {
    CompletableFuture<Command> reply = new CompletableFuture<>();
    pending.put(command.transactionId(), reply);
    session.send(controlFlow, commands.encode(command).encode());
    return reply;
  }

  /** Answers a call from the server with {@code _result} and its transaction id. */
  public void answer(double transactionId, Object value) {
    Command result = Command.of("_result", transactionId, null, value).withEncoding(encoding);
    session.send(controlFlow, commands.encode(result).encode());
  }

  /** Sends any message on the NetConnection flow, such as a shared object message. */
  public void sendOnConnection(FlowMessage message) {
    session.send(controlFlow, message.encode());
  }

  /** Creates a NetStream: {@code createStream}, answered with the stream id. */
  public CompletableFuture<Integer> createStream() {
    return call("createStream").thenApply(c -> ((Number) c.argument(0)).intValue());
  }

  /** Sends {@code publish} on a new flow for the stream. */
  public void publish(int streamId, String name) {
    streamCommand(streamId, "publish", name, "live");
  }

  /** Sends {@code play} on a new flow for the stream. */
  public void play(int streamId, String name) {
    streamCommand(streamId, "play", name);
  }

  /** Sends a media or data message on the stream's flow (reliable). */
  public void send(int streamId, FlowMessage message) {
    session.send(streamFlow(streamId), message.encode());
  }

  private void streamCommand(int streamId, String name, Object... args) {
    Command c = Command.of(name, 0, null, args).onStream(streamId).withEncoding(encoding);
    session.send(streamFlow(streamId), commands.encode(c).encode());
  }

  /**
   * The flow of a NetStream. Like Flash Player and rtmfp-cpp, it is opened in return for the
   * server's NetConnection flow (the one that carried the connect {@code _result}): RFC 7016
   * section 2.3.11.1.2 associates a new flow with a flow of the far end, and servers such as
   * tcserver reject an association with a flow they do not send.
   */
  private long streamFlow(int streamId) {
    return streamFlows.computeIfAbsent(
        streamId, id -> session.openFlow(new TcMetadata(id, false).encode(), serverControlFlow, 1));
  }

  /** Completes when the session with the server ends, closed by either side, or the client. */
  public CompletableFuture<Void> closed() {
    return closed.copy();
  }

  /** Closes the session and the socket. */
  @Override
  public void close() {
    Session s = session;
    if (s != null) {
      s.close();
    }
    endpoint.close();
    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
    closed.complete(null);
  }

  /** Whether the session with the server is open. */
  public boolean isConnected() {
    return session != null && !closed.isDone();
  }

  private final class Listener implements SessionListener {
    @Override
    public void message(Session s, ReceiveFlow flow, byte[] bytes) {
      if (s != session) {
        peerListener.message(s, flow, FlowMessage.decode(bytes));
        return;
      }
      TcMetadata tc = TcMetadata.decode(flow.metadata());
      if (tc == null) {
        return;
      }
      if (tc.streamId() == 0 && flow.returnFlowId() == controlFlow) {
        serverControlFlow = flow.flowId();
      }
      FlowMessage message = FlowMessage.decode(bytes);
      if (FlowCommands.isCommand(message)) {
        Command c = commands.decode(message, tc.streamId());
        if (c.name().equals("_result") || c.name().equals("_error")) {
          CompletableFuture<Command> f = pending.remove(c.transactionId());
          if (f != null) {
            f.complete(c);
            return;
          }
        }
      }
      handler.accept(tc.streamId(), message);
    }

    @Override
    public void sessionClosedByFarEnd(Session s) {
      sessionClosed(s);
    }

    @Override
    public void sessionClosed(Session s) {
      if (s != session) {
        return; // a direct peer session: calls to the server still wait for it
      }
      pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
      closed.complete(null);
    }
  }
}
