package org.nimbusmedia.rtmp.client;

import java.util.List;

/**
 * A copy of one audio, video or data message a stream received, kept for tests (see {@link
 * ClientStream#awaitMedia}). Holds no reference-counted buffer.
 *
 * @param kind what the message was
 * @param streamId the message stream id
 * @param timestamp the message timestamp in milliseconds
 * @param payload the audio or video payload bytes (empty for data)
 * @param values the AMF values of a data message (empty for audio and video)
 */
public record ReceivedMedia(
    Kind kind, int streamId, long timestamp, byte[] payload, List<Object> values) {

  /** Message kinds. */
  public enum Kind {
    AUDIO,
    VIDEO,
    DATA
  }

  /** A video keyframe (FLV frame type 1 in the high nibble of byte 0). */
  public boolean isKeyframe() {
    return kind == Kind.VIDEO && payload.length > 0 && ((payload[0] >>> 4) & 0x07) == 1;
  }

  /** The handler name of a data message (its first value), or empty. */
  public String dataName() {
    return !values.isEmpty() && values.get(0) instanceof String name ? name : "";
  }
}
