package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.message.RtmpPipeline;
import org.nimbusmedia.rtmp.so.SharedObjectCodec;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.config.NimbusConfig;

/**
 * The pipeline of an RTMP connection, in one place:
 *
 * <pre>
 * limiter -> [idle timeout] -> handshake -> chunk decoder/encoder -> message codec
 *         -> handshake watcher -> command codec -> shared object codec -> connection handler
 *         -> exception handler
 * </pre>
 */
public final class RtmpChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Bytes queued in a socket before a player counts as slow and its queue starts to fill. */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(64 * 1024, 256 * 1024);

  private final RtmpSettings settings;
  private final ConnectCommand connect;
  private final ConnectionLimiter limiter;
  private final ChannelGroup clients;
  private final AtomicLong clientIds;

  public RtmpChannelInitializer(
      NimbusConfig config,
      ApplicationRegistry applications,
      ChannelGroup clients,
      AtomicLong clientIds) {
    this.settings = RtmpSettings.from(config);
    this.connect = new ConnectCommand(applications);
    this.limiter =
        new ConnectionLimiter(
            config.limits().maxConnections(),
            config.limits().maxConnectionsPerIp(),
            config.limits().maxPendingHandshakes());
    this.clients = clients;
    this.clientIds = clientIds;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    clients.add(channel);
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
    channel.pipeline().addLast("handshake-watcher", limiter.handshakeWatcher());
    channel.pipeline().addLast("command-codec", new CommandCodec(settings.amfLimits()));
    channel.pipeline().addLast("shared-object-codec", new SharedObjectCodec(settings.amfLimits()));
    channel
        .pipeline()
        .addLast(
            "connection",
            new RtmpConnectionHandler(
                connect, settings, () -> Long.toString(clientIds.incrementAndGet()), "rtmp"));
    channel.pipeline().addLast("exceptions", RtmpExceptionHandler.INSTANCE);
  }
}
