package org.nimbusmedia.server.rtmfp;

import java.time.Duration;
import org.nimbusmedia.server.config.CirrusConfig;
import org.nimbusmedia.server.config.NimbusConfig;

/**
 * The RTMFP front end's settings, taken from the config.
 *
 * @param keepaliveServer sent to clients in Set Keepalive Timers (RFC 7425 section 5.3.4)
 * @param keepalivePeer the same, for their sessions with other peers
 * @param mediaLifetime how long audio and video may wait for an acknowledgement before the flow
 *     abandons them: the live bus's own latency bound ({@code live.subscriberMaxLatency}), past
 *     which an RTMP player's queue would drop them too
 * @param cirrus the rendezvous-only mode
 */
public record RtmfpSettings(
    Duration keepaliveServer, Duration keepalivePeer, Duration mediaLifetime, CirrusConfig cirrus) {
  public static RtmfpSettings from(NimbusConfig config) {
    return new RtmfpSettings(
        config.rtmfp().keepaliveServer(),
        config.rtmfp().keepalivePeer(),
        config.live().subscriberMaxLatency(),
        config.rtmfp().cirrus());
  }
}
