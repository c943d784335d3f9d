package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;

/**
 * Audio Message (RTMP 1.0 section 7.1.4). The payload is an FLV audio tag body: the first byte
 * holds the sound format in its high nibble (FLV specification 10.1, E.4.2.1).
 */
public final class AudioMessage extends MediaMessage {

  /** FLV sound format 10: AAC. */
  public static final int SOUND_FORMAT_AAC = 10;

  /**
   * @param streamId the message stream id
   * @param timestamp absolute timestamp in milliseconds, unsigned 32-bit
   * @param payload the FLV audio tag body; ownership passes to this message
   */
  public AudioMessage(int streamId, long timestamp, ByteBuf payload) {
    super(streamId, timestamp, payload);
  }

  @Override
  public int typeId() {
    return MessageType.AUDIO;
  }

  /** The FLV sound format (high nibble of byte 0), or -1 for an empty payload. */
  public int soundFormat() {
    int first = byteAt(0);
    return first < 0 ? -1 : first >>> 4;
  }

  /** An AAC sequence header: sound format 10 and AAC packet type 0 (AudioSpecificConfig). */
  public boolean isAacSequenceHeader() {
    return soundFormat() == SOUND_FORMAT_AAC && byteAt(1) == 0;
  }

  @Override
  public AudioMessage replace(ByteBuf content) {
    return new AudioMessage(streamId(), timestamp(), content);
  }
}
