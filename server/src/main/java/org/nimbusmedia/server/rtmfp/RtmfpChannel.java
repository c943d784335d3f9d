package org.nimbusmedia.server.rtmfp;

import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/**
 * A channel without a socket, one per RTMFP session, that carries whole RTMP messages: the RTMFP
 * front end fires what arrives on the session's flows into its pipeline, and everything the
 * pipeline writes goes to {@code outbound}, which puts it on flows. It lets RTMFP clients share the
 * RTMP application path (Netty's own multiplexed child channels, such as HTTP/2 streams, work the
 * same way).
 */
final class RtmfpChannel extends AbstractChannel {
  private static final ChannelMetadata METADATA = new ChannelMetadata(false);

  private final ChannelConfig config = new DefaultChannelConfig(this);
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final Consumer<Object> outbound;
  private final Runnable onClose;
  private volatile boolean open = true;

  /**
   * @param outbound receives each written message on the channel's event loop and owns it
   * @param onClose runs once when the channel closes, on its event loop
   */
  RtmfpChannel(
      InetSocketAddress local,
      InetSocketAddress remote,
      Consumer<Object> outbound,
      Runnable onClose) {
    super(null);
    this.local = local;
    this.remote = remote;
    this.outbound = outbound;
    this.onClose = onClose;
  }

  @Override
  protected AbstractUnsafe newUnsafe() {
    return new AbstractUnsafe() {
      @Override
      public void connect(
          SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
        promise.setFailure(new UnsupportedOperationException("an RTMFP session is already open"));
      }
    };
  }

  @Override
  protected boolean isCompatible(EventLoop loop) {
    return true;
  }

  @Override
  protected SocketAddress localAddress0() {
    return local;
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return remote;
  }

  @Override
  protected void doBind(SocketAddress localAddress) {
    throw new UnsupportedOperationException("an RTMFP session channel is never bound");
  }

  @Override
  protected void doDisconnect() {
    doClose();
  }

  @Override
  protected void doClose() {
    if (open) {
      open = false;
      onClose.run();
    }
  }

  @Override
  protected void doBeginRead() {
    // Reads are pushed by the session's flows, not pulled.
  }

  @Override
  protected void doWrite(ChannelOutboundBuffer in) {
    Object message;
    while ((message = in.current()) != null) {
      if (open) {
        outbound.accept(ReferenceCountUtil.retain(message));
      }
      in.remove();
    }
  }

  @Override
  public ChannelConfig config() {
    return config;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isActive() {
    return open;
  }

  @Override
  public ChannelMetadata metadata() {
    return METADATA;
  }
}
