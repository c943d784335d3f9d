package org.nimbusmedia.bench.load;

import java.util.Objects;

/**
 * One FLV tag (FLV specification 10.1, annex E.4.1).
 *
 * @param type {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
 * @param timestamp milliseconds, the 24-bit field extended by TimestampExtended to 32 bits
 * @param body the tag body: AudioTagHeader or VideoTagHeader and data, or AMF0 script data
 */
public record FlvTag(int type, long timestamp, byte[] body) {

  /** TagType of audio. */
  public static final int AUDIO = 8;

  /** TagType of video. */
  public static final int VIDEO = 9;

  /** TagType of script data (onMetaData). */
  public static final int SCRIPT = 18;

  /** Validates the type and the timestamp range. */
  public FlvTag {
    if (type != AUDIO && type != VIDEO && type != SCRIPT) {
      throw new IllegalArgumentException("FLV tag type must be 8, 9 or 18, got " + type);
    }
    if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("FLV timestamp must be 0..2^32-1, got " + timestamp);
    }
    Objects.requireNonNull(body, "body");
  }
}
