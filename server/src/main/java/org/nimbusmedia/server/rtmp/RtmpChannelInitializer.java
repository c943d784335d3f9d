package org.nimbusmedia.server.rtmp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.message.RtmpMessageCodec;
import org.nimbusmedia.rtmp.message.RtmpPipeline;
import org.nimbusmedia.rtmp.so.SharedObjectCodec;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.log.AccessLog;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.metrics.ProtocolMeters;

/**
 * The pipeline of an RTMP connection, in one place:
 *
 * <pre>
 * slow reader guard -> limiter -> [idle timeout] -> handshake -> chunk decoder/encoder -> traffic -> message codec
 *         -> handshake watcher -> command codec -> shared object codec -> connection handler
 *         -> exception handler
 * </pre>
 *
 * The same pipeline serves every transport that carries RTMP bytes: TCP, TLS (RTMPS, after an
 * {@code SslHandler}) and the RTMPT tunnel's in-VM channels; {@link #forProtocol} names the
 * transport, and the client's address comes from {@link PeerAddress}.
 */
public final class RtmpChannelInitializer extends ChannelInitializer<Channel> {
  /** Bytes queued in a socket before a player counts as slow and its queue starts to fill. */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(64 * 1024, 256 * 1024);

  private final RtmpSettings settings;
  private final ConnectCommand connect;
  private final ConnectionLimiter limiter;
  private final ChannelGroup clients;
  private final AtomicLong clientIds;
  private final String protocol;
  private final NimbusMetrics metrics;
  private final AccessLog accessLog;

  public RtmpChannelInitializer(
      NimbusConfig config,
      ApplicationRegistry applications,
      ChannelGroup clients,
      AtomicLong clientIds,
      NimbusMetrics metrics,
      AccessLog accessLog) {
    this(
        RtmpSettings.from(config),
        new ConnectCommand(applications),
        new ConnectionLimiter(
            config.limits().maxConnections(),
            config.limits().maxConnectionsPerIp(),
            config.limits().maxPendingHandshakes(),
            metrics),
        clients,
        clientIds,
        "rtmp",
        metrics,
        accessLog);
  }

  private RtmpChannelInitializer(
      RtmpSettings settings,
      ConnectCommand connect,
      ConnectionLimiter limiter,
      ChannelGroup clients,
      AtomicLong clientIds,
      String protocol,
      NimbusMetrics metrics,
      AccessLog accessLog) {
    this.settings = settings;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.connect = connect;
    this.limiter = limiter;
    this.clients = clients;
    this.clientIds = clientIds;
    this.protocol = protocol;
  }

  /**
   * The same pipeline for another transport ({@code "rtmpt"}, {@code "rtmps"}), which becomes
   * {@code Client.protocol}. The connection limits stay shared: they count all protocols together.
   */
  public RtmpChannelInitializer forProtocol(String transport) {
    return new RtmpChannelInitializer(
        settings, connect, limiter, clients, clientIds, transport, metrics, accessLog);
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    clients.add(channel);
    ProtocolMeters meters = metrics.protocol(protocol);
    channel
        .pipeline()
        .addLast(
            SlowReaderGuard.NAME,
            new SlowReaderGuard(settings.maxOutboundBytes(), settings.maxWriteStall(), meters));
    channel.attr(ConnectionLimiter.PROTOCOL).set(protocol);
    channel.pipeline().addLast("limiter", limiter);
    if (!settings.idleTimeout().isZero()) {
      channel
          .pipeline()
          .addLast(
              "idle",
              new ReadTimeoutHandler(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
    RtmpPipeline.addServerHandlers(
        channel.pipeline(), settings.handshakeTimeout(), settings.limits());
    RtmpTraffic traffic = new RtmpTraffic(meters);
    channel.pipeline().addAfter(RtmpPipeline.CHUNK_ENCODER, RtmpTraffic.NAME, traffic);
    channel.pipeline().addLast("handshake-watcher", limiter.handshakeWatcher());
    addApplicationHandlers(channel.pipeline(), protocol, traffic);
  }

  /**
   * The handlers above the message codec, which serve any transport that carries the RTMP message
   * model: commands, data and shared objects decoded from AMF, and the connection's application
   * logic (connect decision, remote calls, NetStreams, shared objects).
   */
  private void addApplicationHandlers(
      ChannelPipeline pipeline, String transport, RtmpTraffic traffic) {
    pipeline.addLast("command-codec", new CommandCodec(settings.amfLimits()));
    pipeline.addLast("shared-object-codec", new SharedObjectCodec(settings.amfLimits()));
    pipeline.addLast(
        "connection",
        new RtmpConnectionHandler(
            connect,
            settings,
            () -> Long.toString(clientIds.incrementAndGet()),
            transport,
            new RtmpObservers(metrics, accessLog, traffic)));
    pipeline.addLast("exceptions", RtmpExceptionHandler.INSTANCE);
  }

  /**
   * The application path for a transport that carries whole RTMP messages instead of a chunk stream
   * (RTMFP, RFC 7425 section 5.1): its channels read and write {@link
   * org.nimbusmedia.rtmp.chunk.RawMessage}s, and get the same message codec, AMF codecs and
   * connection handler as an RTMP connection, so the same connect decision, calls, streams and
   * shared objects. The connection limits count these sessions with all others; the transport
   * enforces its own handshake limits and liveness.
   */
  public ChannelInitializer<Channel> forMessageTransport(String transport) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        clients.add(channel);
        channel.attr(ConnectionLimiter.PROTOCOL).set(transport);
        channel.pipeline().addLast("limiter", limiter.forEstablishedSessions());
        // Whole messages in and out: the traffic counters sit where the chunk codec would.
        RtmpTraffic traffic = new RtmpTraffic(metrics.protocol(transport));
        channel.pipeline().addLast(RtmpTraffic.NAME, traffic);
        channel.pipeline().addLast(RtmpPipeline.MESSAGE_CODEC, new RtmpMessageCodec());
        addApplicationHandlers(channel.pipeline(), transport, traffic);
      }
    };
  }
}
