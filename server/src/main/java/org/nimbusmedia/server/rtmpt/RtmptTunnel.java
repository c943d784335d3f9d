package org.nimbusmedia.server.rtmpt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nimbusmedia.server.config.RtmptConfig;
import org.nimbusmedia.server.rtmp.PeerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMPT front end's machinery: an in-VM server (Netty's local transport) whose channels get the
 * RTMP pipeline, the sessions piped into it, and the pipeline of the HTTP connections that carry
 * them. The HTTP listener itself is an ordinary TCP listener with {@link #httpInitializer}.
 *
 * <pre>
 * HTTP connection: http codec -> [read timeout] -> aggregator (body limit) -> tunnel handler
 * in-VM channel:   RTMP pipeline of {@code rtmpInitializer}, client address in PeerAddress
 * </pre>
 */
public final class RtmptTunnel {
  private static final Logger log = LoggerFactory.getLogger(RtmptTunnel.class);

  private final ChannelHandler rtmpInitializer;
  private final RtmptSettings settings;
  private final TunnelSessions sessions;
  private Channel server;
  private ScheduledFuture<?> expiry;

  /**
   * A tunnel whose sessions run {@code rtmpInitializer}: the RTMP pipeline, named "rtmpt" ({@link
   * org.nimbusmedia.server.rtmp.RtmpChannelInitializer#forProtocol}). At most {@code maxSessions}
   * sessions are open at once (each is also an RTMP connection that the connection limits count);
   * {@code config} holds the configurable settings.
   */
  public RtmptTunnel(ChannelHandler rtmpInitializer, RtmptConfig config, int maxSessions) {
    this(rtmpInitializer, RtmptSettings.of(config, maxSessions));
  }

  RtmptTunnel(ChannelHandler rtmpInitializer, RtmptSettings settings) {
    this.rtmpInitializer = rtmpInitializer;
    this.settings = settings;
    this.sessions = new TunnelSessions(settings, System::nanoTime);
  }

  /** Starts the in-VM server on {@code group} and the idle-session sweep. */
  public void start(EventLoopGroup group) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(LocalServerChannel.class)
            .childHandler(new ServerEnd())
            .bind(LocalAddress.ANY)
            .sync()
            .channel();
    long sweep = Math.max(100, Math.min(1000, settings.idleTimeout().toMillis() / 4));
    expiry =
        group.next().scheduleAtFixedRate(sessions::expireIdle, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  /**
   * The pipeline of each HTTP connection to the RTMPT port, with other HTTP services ahead of the
   * tunnel: each answers the requests it serves and passes every other one on.
   */
  public ChannelInitializer<Channel> httpInitializer(List<Supplier<ChannelHandler>> services) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        channel
            .pipeline()
            .addLast("http-codec", new HttpServerCodec(settings.maxInitialLineLength(), 8192, 8192))
            .addLast(
                "http-timeout",
                new ReadTimeoutHandler(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
            .addLast("http-aggregator", new HttpObjectAggregator(settings.maxRequestBody()));
        for (Supplier<ChannelHandler> service : services) {
          channel.pipeline().addLast(service.get());
        }
        channel
            .pipeline()
            .addLast(
                "rtmpt",
                new RtmptHttpHandler(
                    sessions,
                    (LocalAddress) server.localAddress(),
                    settings.maxPipelined(),
                    settings.ident2()))
            .addLast("rtmpt-exceptions", HttpExceptionHandler.INSTANCE);
      }
    };
  }

  /** Closes every session and the in-VM server. */
  public void stop() {
    if (expiry != null) {
      expiry.cancel(false);
    }
    sessions.closeAll();
    if (server != null) {
      server.close().awaitUninterruptibly();
    }
  }

  /** The server end of each pipe: the client's address, then the RTMP pipeline. */
  private final class ServerEnd extends ChannelInitializer<Channel> {
    @Override
    protected void initChannel(Channel channel) {
      TunnelSession session = sessions.claim(channel.remoteAddress());
      if (session == null) {
        channel.close();
        return;
      }
      channel.attr(PeerAddress.KEY).set(session.client());
      channel.pipeline().addLast("rtmp", rtmpInitializer);
      session.attachServerSide(channel);
    }
  }

  /** Last handler of an HTTP connection: any failure closes it with one log line. */
  @ChannelHandler.Sharable
  static final class HttpExceptionHandler extends ChannelInboundHandlerAdapter {
    static final HttpExceptionHandler INSTANCE = new HttpExceptionHandler();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (isPeerGone(cause)) {
        log.debug(
            "Closing HTTP connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
      } else {
        log.warn(
            "Closing HTTP connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
      }
      ctx.close();
    }

    /**
     * A client that went quiet, reset the connection or closed it in the middle of a request (the
     * aggregator's {@link PrematureChannelClosureException}): ordinary on the internet, not worth a
     * warning.
     */
    static boolean isPeerGone(Throwable cause) {
      return cause instanceof ReadTimeoutException
          || cause instanceof IOException
          || cause instanceof PrematureChannelClosureException;
    }
  }
}
