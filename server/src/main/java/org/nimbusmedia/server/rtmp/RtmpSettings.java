package org.nimbusmedia.server.rtmp;

import java.time.Duration;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;
import org.nimbusmedia.server.config.NimbusConfig;

/** What the RTMP front end takes from the config, in the shape its classes use. */
record RtmpSettings(
    RtmpLimits limits,
    AmfLimits amfLimits,
    Duration handshakeTimeout,
    Duration idleTimeout,
    int outChunkSize,
    int windowAckSize,
    int peerBandwidth,
    int subscriberQueue,
    Duration subscriberMaxLatency,
    int maxOutboundBytes,
    Duration maxWriteStall) {

  static RtmpSettings from(NimbusConfig config) {
    int maxMessage = config.limits().maxMessageSize();
    return new RtmpSettings(
        RtmpLimits.DEFAULTS
            .withMaxChunkSize(config.limits().maxChunkSize())
            .withMaxMessageSize(maxMessage)
            .withMaxChunkStreams(config.limits().maxChunkStreams())
            // Partly received messages across all chunk streams: two of the largest at once.
            .withMaxPendingBytes((int) Math.min(Integer.MAX_VALUE, 2L * maxMessage)),
        new AmfLimits(
            AmfLimits.DEFAULT.maxDepth(),
            AmfLimits.DEFAULT.maxElements(),
            Math.min(AmfLimits.DEFAULT.maxStringLength(), maxMessage),
            maxMessage),
        config.limits().handshakeTimeout(),
        config.limits().idleTimeout(),
        config.rtmp().outChunkSize(),
        config.rtmp().windowAckSize(),
        config.rtmp().peerBandwidth(),
        config.live().subscriberQueue(),
        config.live().subscriberMaxLatency(),
        config.rtmp().maxOutboundBytes(),
        config.rtmp().maxWriteStall());
  }
}
