package org.nimbusmedia.server.config;

/**
 * What the server announces to RTMP clients after {@code connect}. The defaults are FMS 4's ({@code
 * Application.xml Client/Bandwidth}, {@code OutChunkSize}).
 *
 * @param outChunkSize chunk size of everything the server sends (RTMP specification 5.4.1)
 * @param windowAckSize Window Acknowledgement Size sent to clients, in bytes (5.4.4)
 * @param peerBandwidth Set Peer Bandwidth sent to clients, in bytes (5.4.5)
 */
public record RtmpConfig(Integer outChunkSize, Integer windowAckSize, Integer peerBandwidth) {
  public RtmpConfig {
    outChunkSize = Check.range("outChunkSize", Check.orDefault(outChunkSize, 4096), 128, 65_536);
    windowAckSize =
        Check.range(
            "windowAckSize", Check.orDefault(windowAckSize, 2_500_000), 4096, Integer.MAX_VALUE);
    peerBandwidth =
        Check.range(
            "peerBandwidth", Check.orDefault(peerBandwidth, 2_500_000), 4096, Integer.MAX_VALUE);
  }

  public static RtmpConfig defaults() {
    return new RtmpConfig(null, null, null);
  }
}
