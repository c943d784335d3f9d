package org.nimbusmedia.server.rtmfp;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmfp.flash.FlashUserControl;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.TcMetadata;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.server.rtmp.RtmfpPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMFP session on the application path: the flows' RTMP messages go into an {@link
 * RtmfpChannel} that runs the same handlers as an RTMP connection, and what those handlers write
 * comes back out on flows ({@link OutboundFlows}). Closing either side closes the other: an RTMFP
 * Close or timeout ends the connection (the script sees {@code onDisconnect}), and a rejected or
 * disconnected client gets an RTMFP Close.
 */
final class RtmfpConnection implements RtmfpPeer {
  private static final Logger log = LoggerFactory.getLogger(RtmfpConnection.class);

  /** {@code setPeerInfo} addresses kept per client; Flash reports one per interface. */
  static final int MAX_REPORTED_ADDRESSES = 8;

  /**
   * Fragments (about 1 KB each) queued in the session above which the channel reports itself
   * unwritable, so that players queue and drop by the live bus's policy instead of filling the
   * session's flows without bound; it is writable again below {@link #LOW_WATER_FRAGMENTS}.
   */
  static final int HIGH_WATER_FRAGMENTS = 1024;

  static final int LOW_WATER_FRAGMENTS = 256;

  private static final long THROTTLE_CHECK_MS = 20;

  private final Session session;
  private final RtmfpSettings settings;
  private final String nearId;
  private final OutboundFlows flows;
  private final RtmfpChannel channel;

  RtmfpConnection(
      Session session,
      RtmfpSettings settings,
      byte[] serverFingerprint,
      InetSocketAddress local,
      Runnable onClose) {
    this.session = session;
    this.settings = settings;
    this.nearId = ByteBufUtil.hexDump(serverFingerprint);
    this.flows = new OutboundFlows(session, settings.mediaLifetime());
    this.channel =
        new RtmfpChannel(
            local,
            session.farAddress(),
            message -> {
              if (message instanceof RawMessage raw) {
                flows.send(raw);
                throttleWhenBehind();
              } else {
                ReferenceCountUtil.release(message);
              }
            },
            () -> {
              session.close();
              onClose.run();
            });
    channel.attr(RtmfpPeer.KEY).set(this);
  }

  /** Registers the channel on {@code loop} with the application handlers of {@code pipeline}. */
  void start(EventLoop loop, ChannelHandler pipeline) {
    channel.pipeline().addLast(pipeline);
    loop.register(channel);
  }

  private boolean throttled;

  /** On the channel's event loop, after a write. */
  private void throttleWhenBehind() {
    if (!throttled && session.queuedFragments() > HIGH_WATER_FRAGMENTS) {
      throttled = true;
      writable(false);
      channel
          .eventLoop()
          .schedule(this::resumeWhenCaughtUp, THROTTLE_CHECK_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void resumeWhenCaughtUp() {
    if (!channel.isActive()) {
      return;
    }
    if (session.queuedFragments() < LOW_WATER_FRAGMENTS) {
      throttled = false;
      writable(true);
    } else {
      channel
          .eventLoop()
          .schedule(this::resumeWhenCaughtUp, THROTTLE_CHECK_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void writable(boolean writable) {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    if (buffer != null) {
      buffer.setUserDefinedWritability(1, writable);
    }
  }

  /** A whole message arrived on one of the session's flows; on the endpoint's event loop. */
  void received(ReceiveFlow flow, byte[] bytes) {
    TcMetadata metadata = TcMetadata.decode(flow.metadata());
    if (metadata == null) {
      return; // not RTMP over RTMFP: a NetGroup flow ("GC"), which this server does not serve
    }
    FlowMessage message = FlowMessage.decode(bytes);
    if (OutboundFlows.isChunkLayerControl(message.type())) {
      return;
    }
    flows.clientFlow(metadata.streamId(), flow.flowId());
    RawMessage raw =
        new RawMessage(
            CommandCodec.STREAM_CHUNK_STREAM_ID,
            message.type(),
            metadata.streamId(),
            message.timestamp(),
            Unpooled.wrappedBuffer(message.payload()));
    channel
        .eventLoop()
        .execute(
            () -> {
              if (channel.isActive()) {
                channel.pipeline().fireChannelRead(raw);
              } else {
                raw.release();
              }
            });
  }

  /** The RTMFP session closed (Close from the client, idle timeout, malformed packet). */
  void sessionClosed() {
    channel.close();
  }

  Session session() {
    return session;
  }

  @Override
  public String farId() {
    byte[] id = session.farPeerId();
    return id == null ? "" : ByteBufUtil.hexDump(id);
  }

  @Override
  public String nearId() {
    return nearId;
  }

  @Override
  public String farNonce() {
    byte[] nonce = session.farNonce();
    return nonce == null ? "" : ByteBufUtil.hexDump(nonce);
  }

  @Override
  public String nearNonce() {
    byte[] nonce = session.nearNonce();
    return nonce == null ? "" : ByteBufUtil.hexDump(nonce);
  }

  /**
   * Mona sends the timers after Connect.Success, FMS and Cumulus in answer to {@code setPeerInfo};
   * both are done, so a client that never sends {@code setPeerInfo} gets them too. On the channel's
   * event loop, after the connect result.
   */
  @Override
  public void accepted() {
    sendKeepaliveTimers();
  }

  private void sendKeepaliveTimers() {
    flows.sendOnControlFlow(
        FlashUserControl.keepaliveTimers(
            settings.keepaliveServer().toMillis(), settings.keepalivePeer().toMillis()));
  }

  /** Runs on the channel's event loop, from the NetConnection commands. */
  @Override
  public void peerInfo(List<String> addresses) {
    List<InetSocketAddress> reported = new ArrayList<>();
    for (String text : addresses) {
      if (reported.size() == MAX_REPORTED_ADDRESSES) {
        break;
      }
      InetSocketAddress address = PeerInfoAddresses.parse(text);
      if (address != null) {
        reported.add(address);
      }
    }
    session.reportAddresses(reported);
    log.debug("{} reported addresses {}", this, reported);
    sendKeepaliveTimers();
  }

  @Override
  public String toString() {
    return "rtmfp session " + farId() + " from " + session.farAddress();
  }
}
