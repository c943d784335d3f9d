package org.nimbusmedia.server.app;

import java.util.List;

/**
 * What the admin API ({@code getUserStats}, fms4.md section 5.2) and the access log show of one
 * client connection, taken at one moment.
 *
 * @param uri the URL the client connected to ({@code tcUrl}), empty when unknown
 * @param referrer the SWF or page that connected ({@code swfUrl}), empty when unknown
 * @param userAgent the player's version string ({@code flashVer}), empty when unknown
 * @param connectedAtMillis when the connection was accepted by the transport (epoch ms)
 * @param messagesIn messages received from the client
 * @param messagesOut messages sent to the client
 * @param bytesIn message payload bytes received
 * @param bytesOut message payload bytes sent
 * @param streams the client's NetStreams now
 */
public record ClientInfo(
    String uri,
    String referrer,
    String userAgent,
    long connectedAtMillis,
    long messagesIn,
    long messagesOut,
    long bytesIn,
    long bytesOut,
    List<NetStreamInfo> streams) {
  public ClientInfo {
    streams = List.copyOf(streams);
  }

  /** One NetStream: its id, what it does ({@code publishing}, {@code playing}, {@code idle}). */
  public record NetStreamInfo(int id, String mode, String name) {}
}
