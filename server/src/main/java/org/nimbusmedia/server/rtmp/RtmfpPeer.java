package org.nimbusmedia.server.rtmp;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.List;

/**
 * What an RTMFP session adds to a connection on the application path: the peer IDs and session
 * nonces that the script sees as {@code client.farID}, {@code nearID}, {@code farNonce} and {@code
 * nearNonce} (RFC 7425 sections 4.3.2 and 4.6.5), and the receiver of {@code setPeerInfo} (section
 * 5.3.3), and the hook that sends Set Keepalive Timers (section 5.3.4) after {@code connect}
 * succeeds. Set by the RTMFP front end on its channels, absent on RTMP ones.
 */
public interface RtmfpPeer {
  /** The channel attribute the RTMFP front end sets. */
  AttributeKey<RtmfpPeer> KEY = AttributeKey.valueOf("nimbus.rtmfp.peer");

  /** The client's peer ID in hex: SHA-256 of its certificate, its own {@code nc.nearID}. */
  String farId();

  /** The server's peer ID in hex (the fingerprint of its certificate), the client's farID. */
  String nearId();

  /** The client's session nonce in hex. */
  String farNonce();

  /** The server's session nonce in hex. */
  String nearNonce();

  /** The application accepted the connection: Set Keepalive Timers follows the result. */
  void accepted();

  /**
   * {@code setPeerInfo("ip:port", ...)}: the addresses the client reports for itself, which
   * introductions pass to the peers that look it up. Answered with Set Keepalive Timers.
   */
  void peerInfo(List<String> addresses);

  /** The RTMFP peer behind a channel, or null for other transports. */
  static RtmfpPeer of(Channel channel) {
    return channel.attr(KEY).get();
  }
}
