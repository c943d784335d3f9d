package org.nimbusmedia.rtmfp.meeting;

import java.util.HexFormat;
import java.util.Map;

/**
 * A participant of a meeting as the server describes it in {@code onParticipantJoin}, {@code
 * onParticipantLeave} and the plans of {@code onTopologyChange}.
 *
 * @param id the server's client id
 * @param name the user name
 * @param protocol {@code rtmfp}, {@code rtmp}, {@code rtmpt} or {@code rtmps}
 * @param peerId its RTMFP peer ID in hex (RFC 7425 section 4.5), empty when it has none
 * @param stream the stream it publishes, empty when it publishes none
 */
public record Participant(String id, String name, String protocol, String peerId, String stream) {

  /** Reads the server's {@code {id, name, protocol, peerId, stream}} object. */
  static Participant from(Object value) {
    Map<?, ?> object = Fields.asObject(value, "participant");
    return new Participant(
        Fields.text(object, "id"),
        Fields.text(object, "name"),
        Fields.text(object, "protocol"),
        Fields.text(object, "peerId"),
        Fields.text(object, "stream"));
  }

  /** The peer ID's bytes, empty when it has none. */
  public byte[] peerIdBytes() {
    return HexFormat.of().parseHex(peerId);
  }
}
