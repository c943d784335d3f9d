package org.nimbusmedia.rtmp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.message.RtmpPipeline;
import org.nimbusmedia.rtmp.so.SharedObjectCodec;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;
import org.nimbusmedia.rtmp.tunnel.RtmptClientHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP connection, driven like Flash Player's {@code NetConnection} (RTMP 1.0 section 7.2.1).
 * Create it with a shared {@link EventLoopGroup}, {@link #connect} once, then {@link #call}, {@link
 * #createStream} and {@link #close}. All methods may be called from any thread and return at once;
 * futures complete on the connection's event loop.
 *
 * <p>Server-to-client calls go to the handlers registered with {@link #onCall}. Every received
 * command is passed to the {@link #onCommand} listeners and, like every {@code onStatus}, kept in a
 * bounded log that {@link #awaitCommand} and {@link #awaitStatus} read.
 */
public final class RtmpClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RtmpClient.class);

  /** Name of the TLS handler in the pipeline of an {@code rtmps://} connection. */
  public static final String TLS = "tls";

  /** Name of the HTTP codec in the pipeline of an {@code rtmpt://} connection. */
  public static final String HTTP_CODEC = "http-codec";

  /** Name of the handler that gathers HTTP answers of an {@code rtmpt://} connection. */
  public static final String HTTP_AGGREGATOR = "http-aggregator";

  /** Name of the RTMPT tunnel handler of an {@code rtmpt://} connection. */
  public static final String TUNNEL = "rtmpt-tunnel";

  /** Name of the command codec in the pipeline. */
  public static final String COMMAND_CODEC = "rtmp-command-codec";

  /** Name of the shared object codec in the client pipeline. */
  public static final String SHARED_OBJECT_CODEC = "rtmp-shared-object-codec";

  /** Name of the client handler in the pipeline. */
  public static final String CLIENT_HANDLER = "rtmp-client";

  /** Connection states; {@link #CLOSED} is terminal. */
  enum State {
    NEW,
    CONNECTING,
    CONNECTED,
    CLOSED;

    /** Forward one step at a time, or to {@link #CLOSED} from anywhere but {@link #CLOSED}. */
    boolean canMoveTo(State next) {
      return this != CLOSED && (next == CLOSED || next.ordinal() == ordinal() + 1);
    }
  }

  private final EventLoopGroup group;
  private final RtmpClientConfig config;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Map<String, Function<List<Object>, Object>> callHandlers =
      new ConcurrentHashMap<>();
  private final List<Consumer<Command>> commandListeners = new CopyOnWriteArrayList<>();
  private final Map<Integer, ClientStream> streams = new ConcurrentHashMap<>();
  private final Map<String, ClientSharedObject> sharedObjects = new ConcurrentHashMap<>();
  private final EventLog<Command> commands;
  private final EventLog<StatusEvent> statuses;
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private volatile Channel channel;
  private volatile ClientHandler handler;
  private volatile RtmpUrl url;
  private volatile Map<String, Object> serverProperties = Map.of();
  private volatile Throwable closeReason;
  private volatile BiFunction<String, List<Object>, Object> otherCalls;

  /** A client with {@link RtmpClientConfig#DEFAULTS}. */
  public RtmpClient(EventLoopGroup group) {
    this(group, RtmpClientConfig.DEFAULTS);
  }

  /**
   * @param group the event loops to run on, shared with other clients; not shut down by this one
   * @param config the client settings
   */
  public RtmpClient(EventLoopGroup group, RtmpClientConfig config) {
    this.group = Objects.requireNonNull(group, "group");
    this.config = Objects.requireNonNull(config, "config");
    this.commands = new EventLog<>(config.eventLogCapacity());
    this.statuses = new EventLog<>(config.eventLogCapacity());
  }

  /** The one state transition: succeeds only for a move {@link State#canMoveTo} allows. */
  private boolean transition(State next) {
    while (true) {
      State current = state.get();
      if (!current.canMoveTo(next)) {
        return false;
      }
      if (state.compareAndSet(current, next)) {
        return true;
      }
    }
  }

  /**
   * Connects: TCP, digest handshake, then {@code connect} with the command object Flash Player
   * sends (app, flashVer, swfUrl and pageUrl if configured, tcUrl, fpad, capabilities, audioCodecs,
   * videoCodecs, videoFunction, objectEncoding) followed by {@code extraConnectArgs}.
   *
   * @param rtmpUrl {@code rtmp://host[:port]/app[/instance]}, or {@code rtmps://} (TLS) or {@code
   *     rtmpt://} (HTTP tunnel, {@code reference/fms4.md} section 3)
   * @return completes with the {@code _result} info object ({@code NetConnection.Connect.Success});
   *     fails with {@link RtmpStatusException} on {@code _error} (e.g. {@code
   *     NetConnection.Connect.Rejected}), with {@link TimeoutException} after {@link
   *     RtmpClientConfig#connectTimeout()}, or with the I/O error
   * @throws IllegalArgumentException if the URL is not an RTMP URL with a host and an app
   */
  public CompletableFuture<Map<String, Object>> connect(URI rtmpUrl, Object... extraConnectArgs) {
    RtmpUrl parsed = RtmpUrl.parse(rtmpUrl);
    if (!transition(State.CONNECTING)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("connect may be called once, state is " + state.get()));
    }
    this.url = parsed;
    CompletableFuture<Command> reply = new CompletableFuture<>();
    CompletableFuture<Map<String, Object>> result =
        reply.thenApply(
            answer -> {
              serverProperties = Infos.asInfo(answer.commandObject());
              transition(State.CONNECTED);
              return Infos.firstInfo(answer.arguments());
            });
    ClientHandler clientHandler =
        new ClientHandler(this, connectCommand(parsed, extraConnectArgs), reply);
    this.handler = clientHandler;
    ScheduledFuture<?> timeout =
        group
            .next()
            .schedule(
                () ->
                    reply.completeExceptionally(
                        new TimeoutException(
                            "connect to "
                                + rtmpUrl
                                + " not answered within "
                                + config.connectTimeout().toMillis()
                                + " ms")),
                config.connectTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    reply.whenComplete(
        (answer, error) -> {
          timeout.cancel(false);
          if (error != null) {
            Channel ch = channel;
            if (ch != null) {
              ch.close();
            } else {
              onClosed();
            }
          }
        });
    resolve(parsed)
        .whenComplete(
            (address, error) -> {
              if (error != null) {
                reply.completeExceptionally(error);
              } else if (!reply.isDone()) {
                open(address, clientHandler, reply);
              }
            });
    return result;
  }

  /**
   * The server address. An IP literal is used as is; a host name is looked up off the event loops,
   * because Netty's default resolver would block the loop with the JDK's lookup.
   */
  private static CompletableFuture<InetSocketAddress> resolve(RtmpUrl target) {
    String host = target.host();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
      return CompletableFuture.completedFuture(
          new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), target.port()));
    }
    String name = host;
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new InetSocketAddress(InetAddress.getByName(name), target.port());
          } catch (UnknownHostException e) {
            throw new CompletionException(e);
          }
        });
  }

  /** Opens the TCP connection; the handler sends {@code connect} after the handshake. */
  private void open(
      InetSocketAddress address, ClientHandler clientHandler, CompletableFuture<Command> reply) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(config.channelType())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) throws SSLException {
                    if (url.secure()) {
                      // RTMPS: the RTMP handshake and chunks run inside TLS; SNI names the host.
                      ch.pipeline()
                          .addLast(
                              TLS, tlsContext().newHandler(ch.alloc(), url.host(), url.port()));
                    }
                    if (url.tunnelled()) {
                      // RTMPT: the same handshake and chunks, carried in HTTP POST bodies.
                      ch.pipeline()
                          .addLast(HTTP_CODEC, new HttpClientCodec())
                          .addLast(
                              HTTP_AGGREGATOR,
                              new HttpObjectAggregator(RtmptClientHandler.MAX_REPLY_BYTES))
                          .addLast(TUNNEL, new RtmptClientHandler(url.host() + ":" + url.port()));
                    }
                    RtmpPipeline.addClientHandlers(
                        ch.pipeline(), config.handshakeTimeout(), config.limits());
                    ch.pipeline().addLast(COMMAND_CODEC, new CommandCodec(config.amfLimits()));
                    ch.pipeline()
                        .addLast(SHARED_OBJECT_CODEC, new SharedObjectCodec(config.amfLimits()));
                    ch.pipeline().addLast(CLIENT_HANDLER, clientHandler);
                  }
                });
    ChannelFuture connected = bootstrap.connect(address);
    Channel ch = connected.channel();
    this.channel = ch;
    ch.closeFuture().addListener(f -> onClosed());
    connected.addListener(
        f -> {
          if (!f.isSuccess()) {
            reply.completeExceptionally(f.cause());
          }
        });
    if (reply.isCompletedExceptionally() || state.get() == State.CLOSED) {
      // Timed out or closed while the channel was being set up.
      ch.close();
    }
  }

  /**
   * The configured TLS context, or one that trusts the JDK's certificate authorities and checks
   * that the certificate names the host (RFC 2818 section 3.1, as browsers do for HTTPS).
   */
  private SslContext tlsContext() throws SSLException {
    if (config.tls() != null) {
      return config.tls();
    }
    return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
  }

  /** The {@code connect} command as Flash Player 10 sends it; always AMF0 (type 0x14). */
  private Command connectCommand(RtmpUrl target, Object... extraConnectArgs) {
    AmfObject commandObject = new AmfObject();
    commandObject.put("app", target.app());
    commandObject.put("flashVer", config.flashVer());
    if (config.swfUrl() != null) {
      commandObject.put("swfUrl", config.swfUrl());
    }
    commandObject.put("tcUrl", target.tcUrl());
    commandObject.put("fpad", false);
    commandObject.put("capabilities", 15.0);
    commandObject.put("audioCodecs", 3191.0);
    commandObject.put("videoCodecs", 252.0);
    commandObject.put("videoFunction", 1.0);
    if (config.pageUrl() != null) {
      commandObject.put("pageUrl", config.pageUrl());
    }
    commandObject.put("objectEncoding", (double) config.objectEncoding().code());
    return new Command(
        0,
        "connect",
        1,
        commandObject,
        ClientHandler.arguments(extraConnectArgs),
        ObjectEncoding.AMF0);
  }

  /**
   * Calls a server method (NetConnection.call).
   *
   * @return the {@code _result} value (the first argument after the command object); fails with
   *     {@link RtmpStatusException} carrying the {@code _error} info object
   */
  public CompletableFuture<Object> call(String method, Object... args) {
    Objects.requireNonNull(method, "method");
    CompletableFuture<Command> reply = new CompletableFuture<>();
    Command command =
        new Command(0, method, 0, null, ClientHandler.arguments(args), config.objectEncoding());
    execute(reply, h -> h.call(command, "call " + method, reply));
    return reply.thenApply(answer -> answer.argument(0));
  }

  /**
   * The remote shared object {@code name} of this connection (Flash {@code
   * SharedObject.getRemote}); call {@link ClientSharedObject#connect()} to subscribe.
   */
  public ClientSharedObject sharedObject(String name, boolean persistent) {
    return sharedObjects.computeIfAbsent(
        name, key -> new ClientSharedObject(this, key, persistent));
  }

  void onSharedObject(SharedObjectMessage message) {
    ClientSharedObject so = sharedObjects.get(message.name());
    if (so != null) {
      so.onMessage(message);
    }
  }

  /** Sends {@code createStream} (section 7.2.1.3) and binds a stream to the returned id. */
  public CompletableFuture<ClientStream> createStream() {
    CompletableFuture<Command> reply = new CompletableFuture<>();
    Command command = new Command(0, "createStream", 0, null, List.of(), config.objectEncoding());
    execute(reply, h -> h.call(command, "createStream", reply));
    return reply.thenApply(
        answer -> {
          if (!(answer.argument(0) instanceof Number id) || id.intValue() <= 0) {
            throw new IllegalStateException("createStream answered " + answer.arguments());
          }
          ClientStream stream = new ClientStream(this, id.intValue());
          streams.put(stream.streamId(), stream);
          return stream;
        });
  }

  /** Sends {@code deleteStream} for {@code stream} on stream 0 and forgets it. */
  CompletableFuture<Void> deleteStream(ClientStream stream) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Command command =
        new Command(
            0,
            "deleteStream",
            0,
            null,
            ClientHandler.arguments((double) stream.streamId()),
            config.objectEncoding());
    execute(
        result,
        h -> {
          if (streams.remove(stream.streamId(), stream)) {
            stream.closed(new IllegalStateException(stream + " deleted"));
          }
          h.send(command, result);
        });
    return result;
  }

  /**
   * Registers the handler of a server-to-client call. It runs on the event loop and must not block;
   * its return value is sent back in {@code _result}, and an exception it throws becomes an {@code
   * _error} with {@code NetConnection.Call.Failed}.
   */
  public RtmpClient onCall(String name, Function<List<Object>, Object> callHandler) {
    callHandlers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(callHandler));
    return this;
  }

  /**
   * Registers the handler of every server-to-client call that has no handler of its own, given the
   * method name and arguments (a server-side {@code NetConnection} passes them to its script). It
   * runs on the event loop and must not block; it may return a {@link
   * java.util.concurrent.CompletionStage}, whose value is sent back in {@code _result} when it
   * completes, and whose failure becomes an {@code _error}.
   */
  public RtmpClient onOtherCalls(BiFunction<String, List<Object>, Object> callHandler) {
    this.otherCalls = Objects.requireNonNull(callHandler, "callHandler");
    return this;
  }

  /** Adds a listener for every received command; it runs on the event loop. */
  public RtmpClient onCommand(Consumer<Command> listener) {
    commandListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Takes the oldest kept {@code onStatus} with {@code code}, on any stream, or the next one. */
  public CompletableFuture<StatusEvent> nextStatus(String code) {
    return statuses.next(s -> s.code().equals(code));
  }

  /** Blocks until an {@code onStatus} with {@code code}, on any stream; never on an event loop. */
  public StatusEvent awaitStatus(String code, Duration timeout)
      throws TimeoutException, InterruptedException {
    return awaitStatus(s -> s.code().equals(code), code, timeout);
  }

  StatusEvent awaitStatus(Predicate<StatusEvent> predicate, String what, Duration timeout)
      throws TimeoutException, InterruptedException {
    return statuses.await(predicate, timeout, "onStatus " + what, group);
  }

  /** Takes the oldest kept command named {@code name}, or the next one to arrive. */
  public CompletableFuture<Command> nextCommand(String name) {
    return commands.next(c -> c.name().equals(name));
  }

  /** Blocks until a command named {@code name} has arrived; never on an event loop. */
  public Command awaitCommand(String name, Duration timeout)
      throws TimeoutException, InterruptedException {
    return commands.await(c -> c.name().equals(name), timeout, "command " + name, group);
  }

  /** The commands received and not yet taken, oldest first. */
  public List<Command> receivedCommands() {
    return commands.snapshot();
  }

  /** The command object of the {@code connect} answer (fmsVer, capabilities, ...). */
  public Map<String, Object> serverProperties() {
    return serverProperties;
  }

  /** The URL given to {@link #connect}, or null before. */
  public RtmpUrl url() {
    return url;
  }

  /** Whether {@code connect} has succeeded and the connection is open. */
  public boolean isConnected() {
    return state.get() == State.CONNECTED;
  }

  /** Whether the channel can take writes without queueing (for load generators). */
  public boolean isWritable() {
    Channel ch = channel;
    return ch != null && ch.isWritable();
  }

  /** The settings of this client. */
  public RtmpClientConfig config() {
    return config;
  }

  /** Starts closing the connection; {@link #closeFuture()} completes when it is closed. */
  @Override
  public void close() {
    Channel ch = channel;
    if (ch == null) {
      onClosed();
    } else {
      ch.close();
    }
  }

  /** Completes once the connection has closed, whoever closed it. */
  public CompletableFuture<Void> closeFuture() {
    return closeFuture.copy();
  }

  /** What made the client close the connection, or null if it closed normally. */
  public Throwable closeReason() {
    return closeReason;
  }

  // ---- internals shared with ClientHandler and ClientStream ----

  EventLoopGroup group() {
    return group;
  }

  ClientStream stream(int streamId) {
    return streams.get(streamId);
  }

  Function<List<Object>, Object> callHandler(String name) {
    Function<List<Object>, Object> named = callHandlers.get(name);
    BiFunction<String, List<Object>, Object> other = otherCalls;
    return named != null || other == null ? named : args -> other.apply(name, args);
  }

  void recordCommand(Command command) {
    for (Consumer<Command> listener : commandListeners) {
      try {
        listener.accept(command);
      } catch (RuntimeException e) {
        LOG.warn("command listener failed on {}", command.name(), e);
      }
    }
    commands.add(command);
  }

  void recordStatus(StatusEvent status) {
    statuses.add(status);
  }

  void closeReason(Throwable cause) {
    if (closeReason == null) {
      closeReason = cause;
    }
  }

  ClosedChannelException closedException() {
    ClosedChannelException e = new ClosedChannelException();
    if (closeReason != null) {
      e.initCause(closeReason);
    }
    return e;
  }

  /**
   * Runs {@code task} on the event loop with the handler (at once when called on it); fails {@code
   * future} if it cannot.
   */
  void execute(CompletableFuture<?> future, Consumer<ClientHandler> task) {
    Channel ch = channel;
    ClientHandler h = handler;
    if (ch == null || h == null) {
      future.completeExceptionally(new IllegalStateException("not connected"));
      return;
    }
    Runnable run =
        () -> {
          try {
            task.accept(h);
          } catch (RuntimeException e) {
            future.completeExceptionally(e);
          }
        };
    // Inline on the loop itself, so that what a callback sends keeps its order with its writes.
    if (ch.eventLoop().inEventLoop()) {
      run.run();
      return;
    }
    try {
      ch.eventLoop().execute(run);
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(closedException());
    }
  }

  /** Writes a control or media message from any thread; releases it if it cannot be written. */
  CompletableFuture<Void> write(Object message) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Channel ch = channel;
    if (ch == null || state.get() == State.CLOSED) {
      ReferenceCountUtil.release(message);
      result.completeExceptionally(
          ch == null ? new IllegalStateException("not connected") : closedException());
      return result;
    }
    // A write to a closed channel fails and releases the message (Netty's outbound buffer).
    ch.writeAndFlush(message)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                result.complete(null);
              } else {
                result.completeExceptionally(f.cause());
              }
            });
    return result;
  }

  /** Once closed, or closing before a channel exists: fails everything still waiting. */
  private void onClosed() {
    transition(State.CLOSED);
    ClosedChannelException cause = closedException();
    ClientHandler h = handler;
    if (h != null) {
      h.closed(cause);
    }
    streams.values().forEach(stream -> stream.closed(cause));
    commands.failWaiters(cause);
    statuses.failWaiters(cause);
    closeFuture.complete(null);
  }
}
