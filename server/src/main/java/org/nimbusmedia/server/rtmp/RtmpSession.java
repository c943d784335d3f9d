package org.nimbusmedia.server.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.app.ClientInfo;
import org.nimbusmedia.server.app.ClientSession;
import org.nimbusmedia.server.log.LoggedClient;

/**
 * The state of one RTMP connection: where it is in its life, the application instance it joined and
 * its NetStreams. Lives in a channel attribute and is only touched on the channel's event loop.
 */
final class RtmpSession implements ClientSession {
  static final AttributeKey<RtmpSession> KEY = AttributeKey.valueOf("nimbus.rtmp.session");

  /** A connection's life. {@link #CLOSED} is terminal. */
  enum State {
    /** Handshake done, waiting for {@code connect}. */
    AWAITING_CONNECT,
    /** {@code connect} received, the application has not decided yet. */
    CONNECTING,
    CONNECTED,
    CLOSED;

    boolean canMoveTo(State next) {
      return switch (this) {
        case AWAITING_CONNECT -> next == CONNECTING || next == CLOSED;
        case CONNECTING -> next == CONNECTED || next == CLOSED;
        case CONNECTED -> next == CLOSED;
        case CLOSED -> false;
      };
    }
  }

  /** NetStreams one connection may have open at once; each costs a little memory. */
  static final int MAX_STREAMS = 256;

  private final Channel channel;
  private final String id;
  private final String protocol;
  private final Map<Integer, RtmpNetStream> streams = new HashMap<>();
  private State state = State.AWAITING_CONNECT;
  private ApplicationInstance instance;
  private ObjectEncoding objectEncoding = ObjectEncoding.AMF0;
  private AmfObject connectParameters = new AmfObject();
  private int nextStreamId = 1;
  private final Amf0Encoder dataEncoder = new Amf0Encoder();
  private final RtmpClientHandle handle = new RtmpClientHandle(this);

  /** Server-to-client calls waiting for {@code _result}/{@code _error}, by transaction id. */
  private final Map<Double, ClientHandle.CallResultListener> pendingCalls = new HashMap<>();

  private double nextTransactionId = 1;
  private long messagesIn;
  private long messagesOut;
  private final List<CompletableFuture<Boolean>> pendingPings = new ArrayList<>();

  private final RtmpSettings settings;
  private final RtmpObservers observers;

  RtmpSession(
      Channel channel, String id, String protocol, RtmpSettings settings, RtmpObservers observers) {
    this.channel = channel;
    this.observers = observers;
    this.settings = settings;
    this.id = id;
    this.protocol = protocol;
  }

  static RtmpSession of(Channel channel) {
    return channel.attr(KEY).get();
  }

  Channel channel() {
    return channel;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public String ip() {
    InetSocketAddress address = PeerAddress.of(channel);
    return address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
  }

  @Override
  public void disconnect() {
    channel.close();
  }

  RtmpSettings settings() {
    return settings;
  }

  /** The server's metrics, the access log and this connection's traffic counts. */
  RtmpObservers observers() {
    return observers;
  }

  /** This client as an access log line shows it now. Event loop only. */
  LoggedClient loggedClient() {
    RtmpTraffic traffic = observers.traffic();
    return new LoggedClient(
        id,
        ip(),
        protocol,
        instance == null ? null : instance.address(),
        connectParameter("tcUrl"),
        connectParameter("swfUrl"),
        connectParameter("flashVer"),
        traffic.bytesIn(),
        traffic.bytesOut(),
        traffic.connectedAtMillis());
  }

  @Override
  public CompletionStage<ClientInfo> info() {
    CompletableFuture<ClientInfo> info = new CompletableFuture<>();
    try {
      channel.eventLoop().execute(() -> info.complete(snapshot()));
    } catch (RejectedExecutionException stopping) {
      info.completeExceptionally(stopping);
    }
    return info;
  }

  private ClientInfo snapshot() {
    RtmpTraffic traffic = observers.traffic();
    List<ClientInfo.NetStreamInfo> netStreams = new ArrayList<>();
    for (RtmpNetStream stream : streams.values()) {
      String name = stream.streamName();
      netStreams.add(
          new ClientInfo.NetStreamInfo(
              stream.id(),
              switch (stream.mode()) {
                case PUBLISHING -> "publishing";
                case PLAYING, PLAYING_FILE -> "playing";
                case CLAIMING, IDLE -> "idle";
              },
              stream.mode() == RtmpNetStream.Mode.IDLE || name == null ? "" : name));
    }
    netStreams.sort(Comparator.comparingInt(ClientInfo.NetStreamInfo::id));
    return new ClientInfo(
        connectParameter("tcUrl"),
        connectParameter("swfUrl"),
        connectParameter("flashVer"),
        traffic.connectedAtMillis(),
        traffic.messagesIn(),
        traffic.messagesOut(),
        traffic.bytesIn(),
        traffic.bytesOut(),
        netStreams);
  }

  private String connectParameter(String name) {
    return connectParameters.get(name) instanceof String value ? value : "";
  }

  /** A play with a {@code len} has delivered that much media. */
  void playLengthReached(int streamId) {
    RtmpNetStream stream = streams.get(streamId);
    if (stream != null && stream.mode() == RtmpNetStream.Mode.PLAYING) {
      stream.stopPlay(true);
    }
  }

  State state() {
    return state;
  }

  void moveTo(State next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("RTMP session " + id + " is " + state + ", not " + next);
    }
    state = next;
  }

  ApplicationInstance instance() {
    return instance;
  }

  void joined(ApplicationInstance joinedInstance) {
    this.instance = joinedInstance;
  }

  ObjectEncoding objectEncoding() {
    return objectEncoding;
  }

  void connectParameters(AmfObject parameters, ObjectEncoding encoding) {
    this.connectParameters = parameters;
    this.objectEncoding = encoding;
  }

  AmfObject connectParameters() {
    return connectParameters;
  }

  /** A new NetStream for {@code createStream}, or null when the connection has too many. */
  RtmpNetStream createStream() {
    if (streams.size() >= MAX_STREAMS) {
      return null;
    }
    while (streams.containsKey(nextStreamId) || nextStreamId == 0) {
      nextStreamId++;
    }
    RtmpNetStream stream = new RtmpNetStream(this, nextStreamId++);
    streams.put(stream.id(), stream);
    return stream;
  }

  RtmpNetStream stream(int streamId) {
    return streams.get(streamId);
  }

  RtmpNetStream removeStream(int streamId) {
    return streams.remove(streamId);
  }

  Collection<RtmpNetStream> streams() {
    return List.copyOf(streams.values());
  }

  /** Closes every stream: publications end and subscriptions go. */
  void closeAllStreams() {
    for (RtmpNetStream stream : new ArrayList<>(streams.values())) {
      stream.close(false);
    }
    streams.clear();
  }

  /** Server-to-client calls a client may leave unanswered before new ones fail at once. */
  static final int MAX_PENDING_CALLS = 1024;

  /** The FMS {@code Client} object of this connection, for the application's script. */
  RtmpClientHandle handle() {
    return handle;
  }

  long messagesIn() {
    return messagesIn;
  }

  long messagesOut() {
    return messagesOut;
  }

  void countIn() {
    messagesIn++;
  }

  /** Writes and flushes a command; replies go in the encoding of the command they answer. */
  void send(Command command) {
    messagesOut++;
    channel.writeAndFlush(command);
  }

  /**
   * {@code client.call(method, resultObj, args...)}: with a listener, the client's {@code _result}
   * or {@code _error} reaches it exactly once (or a failure when the connection closes).
   */
  void callWithResult(String method, List<Object> args, ClientHandle.CallResultListener listener) {
    if (!channel.isActive()) {
      if (listener != null) {
        listener.onStatus(Status.error("NetConnection.Call.Failed", "The client is disconnected."));
      }
      return;
    }
    double transactionId = 0;
    if (listener != null) {
      if (pendingCalls.size() >= MAX_PENDING_CALLS) {
        listener.onStatus(
            Status.error("NetConnection.Call.Failed", "Too many calls waiting for an answer."));
        return;
      }
      transactionId = nextTransactionId++;
      pendingCalls.put(transactionId, listener);
    }
    send(new Command(0, method, transactionId, null, args, objectEncoding));
  }

  /**
   * A {@code _result} or {@code _error} from the client; false when no call of ours waits for it.
   */
  boolean answerReceived(Command answer) {
    ClientHandle.CallResultListener listener = pendingCalls.remove(answer.transactionId());
    if (listener == null) {
      return false;
    }
    if (answer.name().equals("_result")) {
      listener.onResult(answer.argument(0));
    } else {
      listener.onStatus(answer.argument(0));
    }
    return true;
  }

  /** The connection closed: calls still waiting fail. */
  void failPendingCalls() {
    for (ClientHandle.CallResultListener listener : pendingCalls.values()) {
      listener.onStatus(Status.error("NetConnection.Call.Failed", "The connection closed."));
    }
    pendingCalls.clear();
  }

  /** {@code _result} for {@code request}, unless the sender asked for no answer (id 0). */
  void result(Command request, Object commandObject, Object... values) {
    if (request.transactionId() != 0) {
      answer(request, commandObject, values);
    }
  }

  /**
   * {@code _result} for {@code request} whatever its transaction id: {@code connect} and {@code
   * createStream} mean nothing unanswered, and librtmfp sends both with id 0 over RTMFP, waiting
   * for the result as MonaServer and FMS give it.
   */
  void answer(Command request, Object commandObject, Object... values) {
    send(
        new Command(
            request.streamId(),
            "_result",
            request.transactionId(),
            commandObject,
            Arrays.asList(values),
            request.encoding()));
  }

  /** {@code _error} for {@code request} with {@code info}. */
  void error(Command request, AmfObject info) {
    send(
        new Command(
            request.streamId(),
            "_error",
            request.transactionId(),
            null,
            List.of(info),
            request.encoding()));
  }

  /** A server-to-client call with no answer expected ({@code client.call(name, null, ...)}). */
  void call(String method, Object... arguments) {
    send(new Command(0, method, 0, null, Arrays.asList(arguments), ObjectEncoding.AMF0));
  }

  /**
   * The instance shuts down: {@code onStatus} {@code NetConnection.Connect.AppShutdown} (fms4.md
   * section 1.10), then the connection closes once it is written. A client that does not read is
   * closed by the server's stop all the same.
   */
  void closeForShutdown() {
    AmfObject info =
        Status.error("NetConnection.Connect.AppShutdown", "The application is shutting down.");
    channel
        .writeAndFlush(new Command(0, "onStatus", 0, null, List.of(info), ObjectEncoding.AMF0))
        .addListener(written -> channel.close());
  }

  /** {@code onStatus} on a NetStream. */
  void onStatus(int streamId, AmfObject info) {
    send(new Command(streamId, "onStatus", 0, null, List.of(info), ObjectEncoding.AMF0));
  }

  /** {@code values} as an AMF0 data message body, in a new buffer the caller owns. */
  ByteBuf encodeData(List<Object> values) {
    ByteBuf body = channel.alloc().buffer(128);
    try {
      dataEncoder.encodeAll(values, body);
      return body;
    } catch (RuntimeException e) {
      body.release();
      throw e;
    }
  }

  /**
   * Sends a PingRequest; completes with true when the client answers within {@code timeout}, false
   * when it does not or the connection is gone.
   */
  CompletableFuture<Boolean> ping(Duration timeout) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    if (!channel.isActive() || RtmfpPeer.of(channel) != null) {
      // An RTMFP session is alive while it is open: it has its own keepalive and idle timeout
      // (RFC 7016 section 3.5.2.2), and User Control pings are not part of RFC 7425.
      answer.complete(channel.isActive());
      return answer;
    }
    channel
        .eventLoop()
        .execute(
            () -> {
              pendingPings.add(answer);
              channel.writeAndFlush(
                  new UserControlEvent.PingRequest(System.currentTimeMillis() & 0xFFFFFFFFL));
              channel
                  .eventLoop()
                  .schedule(
                      () -> answer.complete(false), timeout.toMillis(), TimeUnit.MILLISECONDS);
            });
    channel.closeFuture().addListener(closed -> answer.complete(false));
    return answer;
  }

  /** The client answered a ping: it is alive. */
  void pingAnswered() {
    pendingPings.forEach(ping -> ping.complete(true));
    pendingPings.clear();
  }

  @Override
  public String toString() {
    return protocol + " client " + id + " from " + PeerAddress.of(channel);
  }
}
