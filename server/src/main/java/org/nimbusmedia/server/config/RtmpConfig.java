package org.nimbusmedia.server.config;

import java.time.Duration;

/**
 * What the server announces to RTMP clients after {@code connect}, and when it gives up on a client
 * that does not read. The announced defaults are FMS 4's ({@code Application.xml Client/Bandwidth},
 * {@code OutChunkSize}).
 *
 * @param outChunkSize chunk size of everything the server sends (RTMP specification 5.4.1)
 * @param windowAckSize Window Acknowledgement Size sent to clients, in bytes (5.4.4)
 * @param peerBandwidth Set Peer Bandwidth sent to clients, in bytes (5.4.5)
 * @param maxOutboundBytes bytes waiting to be sent to one connection before it is dropped: what is
 *     not gated by the players' drop policy (commands, shared object updates) cannot grow without
 *     bound
 * @param maxWriteStall how long one connection's socket may stay full (the client takes in less
 *     than the low water mark) before the connection is dropped
 */
public record RtmpConfig(
    Integer outChunkSize,
    Integer windowAckSize,
    Integer peerBandwidth,
    Integer maxOutboundBytes,
    Duration maxWriteStall) {
  public RtmpConfig {
    outChunkSize = Check.range("outChunkSize", Check.orDefault(outChunkSize, 4096), 128, 65_536);
    windowAckSize =
        Check.range(
            "windowAckSize", Check.orDefault(windowAckSize, 2_500_000), 4096, Integer.MAX_VALUE);
    peerBandwidth =
        Check.range(
            "peerBandwidth", Check.orDefault(peerBandwidth, 2_500_000), 4096, Integer.MAX_VALUE);
    maxOutboundBytes =
        Check.range(
            "maxOutboundBytes",
            Check.orDefault(maxOutboundBytes, 4 * 1024 * 1024),
            512 * 1024,
            Integer.MAX_VALUE);
    maxWriteStall =
        Check.range(
            "maxWriteStall",
            Check.orDefault(maxWriteStall, Duration.ofSeconds(10)),
            Duration.ofMillis(500),
            Duration.ofMinutes(10));
  }

  public static RtmpConfig defaults() {
    return new RtmpConfig(null, null, null, null, null);
  }
}
