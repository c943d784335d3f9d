package org.nimbusmedia.server.rtmp;

import io.netty.channel.Channel;
import io.netty.handler.traffic.ChannelTrafficShapingHandler;
import org.nimbusmedia.rtmp.message.SetPeerBandwidth;

/**
 * {@code client.setBandwidthLimit(serverToClient, clientToServer)} enforced (fms4.md section 1.3):
 * what the server sends is throttled by a traffic shaper at the socket end of the pipeline, and the
 * client is told its own limit with a hard Set Peer Bandwidth (RTMP 1.0 section 5.4.5), which the
 * shaper also enforces on reading. A slow player's queue then fills and loses video first, as for
 * any slow link. Until a script sets a limit nothing is shaped.
 */
final class BandwidthLimits {
  /** Name of the shaper in the pipeline. */
  static final String HANDLER = "bandwidth-limit";

  /** How often the shaper accounts, ms (Netty's default). */
  private static final long CHECK_INTERVAL_MILLIS = 1000;

  private final Channel channel;
  private volatile long serverToClient;
  private volatile long clientToServer;

  /** With the limits announced at connect time, reported until a script changes them. */
  BandwidthLimits(Channel channel, long serverToClient, long clientToServer) {
    this.channel = channel;
    this.serverToClient = serverToClient;
    this.clientToServer = clientToServer;
  }

  /** Bytes per second; {@code direction} 0 is client to server, 1 server to client. */
  long get(int direction) {
    return direction == 0 ? clientToServer : serverToClient;
  }

  /** Bytes per second; 0 leaves a direction as it is. */
  void set(long newServerToClient, long newClientToServer) {
    if (newServerToClient <= 0 && newClientToServer <= 0) {
      return;
    }
    if (newServerToClient > 0) {
      serverToClient = newServerToClient;
    }
    if (newClientToServer > 0) {
      clientToServer = newClientToServer;
      channel.writeAndFlush(
          new SetPeerBandwidth(newClientToServer, SetPeerBandwidth.LimitType.HARD));
    }
    long write = newServerToClient > 0 ? newServerToClient : 0;
    long read = newClientToServer > 0 ? newClientToServer : 0;
    channel.eventLoop().execute(() -> shape(write, read));
  }

  private void shape(long write, long read) {
    if (!channel.isActive()) {
      return;
    }
    ChannelTrafficShapingHandler shaper =
        (ChannelTrafficShapingHandler) channel.pipeline().get(HANDLER);
    if (shaper == null) {
      channel
          .pipeline()
          .addFirst(HANDLER, new ChannelTrafficShapingHandler(write, read, CHECK_INTERVAL_MILLIS));
      return;
    }
    shaper.configure(
        write > 0 ? write : shaper.getWriteLimit(), read > 0 ? read : shaper.getReadLimit());
  }
}
