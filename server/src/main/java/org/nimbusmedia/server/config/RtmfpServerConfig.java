package org.nimbusmedia.server.config;

import java.time.Duration;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;

/**
 * The RTMFP front end's application-level settings (the UDP socket is {@code
 * server.listeners.rtmfp}).
 *
 * @param keepaliveServer how often a client should ping the server when idle, sent to it in Set
 *     Keepalive Timers after {@code setPeerInfo} (RFC 7425 section 5.3.4; FMS {@code
 *     RTMFP/KeepAliveTime/NAT/Server}, 15 s, range 5 s to 300 s)
 * @param keepalivePeer the same for a client's direct sessions with other peers (FMS {@code
 *     RTMFP/KeepAliveTime/NAT/Peers}, 10 s)
 * @param helloExcessRate bytes per second by which the server's RHellos may exceed, all together,
 *     the IHellos they answer: what a flood of IHellos with spoofed source addresses can reflect at
 *     its victims beyond its own volume (0 to 64 MiB/s)
 * @param cirrus the rendezvous-only mode for applications written for Cirrus
 * @param peerRegistry the video phone sample's peer ID exchange over HTTP
 */
public record RtmfpServerConfig(
    Duration keepaliveServer,
    Duration keepalivePeer,
    Integer helloExcessRate,
    CirrusConfig cirrus,
    PeerRegistryConfig peerRegistry) {
  private static final Duration MIN_KEEPALIVE = Duration.ofSeconds(5);
  private static final Duration MAX_KEEPALIVE = Duration.ofMinutes(5);

  public RtmfpServerConfig {
    keepaliveServer =
        Check.range(
            "keepaliveServer",
            Check.orDefault(keepaliveServer, Duration.ofSeconds(15)),
            MIN_KEEPALIVE,
            MAX_KEEPALIVE);
    keepalivePeer =
        Check.range(
            "keepalivePeer",
            Check.orDefault(keepalivePeer, Duration.ofSeconds(10)),
            MIN_KEEPALIVE,
            MAX_KEEPALIVE);
    helloExcessRate =
        Check.range(
            "helloExcessRate",
            Check.orDefault(helloExcessRate, RtmfpConfig.DEFAULT_HELLO_EXCESS_RATE),
            0,
            64 << 20);
    cirrus = Check.orDefault(cirrus, CirrusConfig.defaults());
    peerRegistry = Check.orDefault(peerRegistry, PeerRegistryConfig.defaults());
  }

  public static RtmfpServerConfig defaults() {
    return new RtmfpServerConfig(null, null, null, null, null);
  }

  public RtmfpServerConfig withKeepalives(Duration server, Duration peer) {
    return new RtmfpServerConfig(server, peer, helloExcessRate, cirrus, peerRegistry);
  }

  public RtmfpServerConfig withCirrus(CirrusConfig newCirrus) {
    return new RtmfpServerConfig(
        keepaliveServer, keepalivePeer, helloExcessRate, newCirrus, peerRegistry);
  }
}
