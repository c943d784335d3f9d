package org.nimbusmedia.server.meeting;

import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * One participant of a meeting.
 *
 * @param id the client's connection id
 * @param name the name other participants know it by
 * @param protocol {@code rtmp}, {@code rtmpt}, {@code rtmps} or {@code rtmfp}
 * @param peerId its RTMFP peer ID in hex; empty when it has none
 * @param stream the name it publishes under, on the server and directly; empty when it only plays
 */
public record Participant(String id, String name, String protocol, String peerId, String stream) {
  public Participant {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a participant needs its client's id");
    }
  }

  /** Only RTMFP clients with a peer ID can send or receive media peer to peer (RFC 7016). */
  public boolean canGoDirect() {
    return "rtmfp".equals(protocol) && !peerId.isEmpty();
  }

  public boolean publishes() {
    return !stream.isEmpty();
  }

  /** As clients and scripts see it. */
  public AmfObject toAmf() {
    return AmfObject.of(
        "id", id, "name", name, "protocol", protocol, "peerId", peerId, "stream", stream);
  }
}
