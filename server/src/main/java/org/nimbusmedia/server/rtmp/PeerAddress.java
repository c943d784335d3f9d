package org.nimbusmedia.server.rtmp;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The network address of the client behind an RTMP channel. For RTMP and RTMPS it is the socket's
 * remote address; a tunnelled channel (RTMPT runs the RTMP pipeline on an in-VM channel) carries
 * the HTTP client's address in {@link #KEY}, so that connection limits and {@code Client.ip} see
 * the real client.
 */
public final class PeerAddress {
  /** Set by a front end whose channels have no socket address of their own. */
  public static final AttributeKey<InetSocketAddress> KEY =
      AttributeKey.valueOf("nimbus.peer.address");

  private PeerAddress() {}

  /**
   * The client's address: {@link #KEY} when set, else the channel's remote address when it is an
   * internet address, else an unresolved placeholder built from whatever the channel reports.
   */
  public static InetSocketAddress of(Channel channel) {
    InetSocketAddress carried = channel.attr(KEY).get();
    if (carried != null) {
      return carried;
    }
    SocketAddress remote = channel.remoteAddress();
    if (remote instanceof InetSocketAddress address) {
      return address;
    }
    return InetSocketAddress.createUnresolved(String.valueOf(remote), 0);
  }
}
