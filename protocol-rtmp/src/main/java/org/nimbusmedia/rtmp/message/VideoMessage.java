package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Video Message (RTMP 1.0 section 7.1.5). The payload is an FLV video tag body: byte 0 holds the
 * frame type in bits 4-6 and the codec id in the low nibble (FLV specification 10.1, E.4.3.1). In
 * the enhanced RTMP form (Veovera "Enhanced RTMP" v1) bit 7 of byte 0 is set, the low nibble is a
 * packet type, and bytes 1-4 hold a FourCC such as {@code hvc1} or {@code av01}.
 */
public final class VideoMessage extends MediaMessage {

  /** FLV frame type 1: keyframe. */
  public static final int FRAME_TYPE_KEY = 1;

  /** FLV codec id 7: AVC (H.264). */
  public static final int CODEC_AVC = 7;

  /** Enhanced RTMP packet type 0: sequence start (decoder configuration). */
  public static final int PACKET_TYPE_SEQUENCE_START = 0;

  /**
   * @param streamId the message stream id
   * @param timestamp absolute timestamp in milliseconds, unsigned 32-bit
   * @param payload the FLV video tag body; ownership passes to this message
   */
  public VideoMessage(int streamId, long timestamp, ByteBuf payload) {
    super(streamId, timestamp, payload);
  }

  @Override
  public int typeId() {
    return MessageType.VIDEO;
  }

  /** The frame type (bits 4-6 of byte 0), or -1 for an empty payload. */
  public int frameType() {
    int first = byteAt(0);
    return first < 0 ? -1 : (first >>> 4) & 0x07;
  }

  /** A keyframe: frame type 1, in the legacy and the enhanced form alike. */
  public boolean isKeyframe() {
    return frameType() == FRAME_TYPE_KEY;
  }

  /** The enhanced RTMP form: bit 7 of byte 0 (IsExHeader) is set. */
  public boolean isEnhanced() {
    int first = byteAt(0);
    return first >= 0 && (first & 0x80) != 0;
  }

  /** The legacy FLV codec id (low nibble of byte 0), or -1 when empty or enhanced. */
  public int codecId() {
    int first = byteAt(0);
    return first < 0 || isEnhanced() ? -1 : first & 0x0F;
  }

  /** An AVC sequence header: codec id 7 and AVC packet type 0 (AVCDecoderConfigurationRecord). */
  public boolean isAvcSequenceHeader() {
    return codecId() == CODEC_AVC && byteAt(1) == 0;
  }

  /** The FourCC of an enhanced RTMP payload, if this is one and it is long enough. */
  public Optional<String> fourCc() {
    if (!isEnhanced() || byteAt(4) < 0) {
      return Optional.empty();
    }
    ByteBuf payload = content();
    return Optional.of(payload.toString(payload.readerIndex() + 1, 4, StandardCharsets.US_ASCII));
  }

  /** A decoder configuration: an AVC sequence header or an enhanced sequence start. */
  public boolean isSequenceHeader() {
    return isAvcSequenceHeader()
        || (isEnhanced() && (byteAt(0) & 0x0F) == PACKET_TYPE_SEQUENCE_START);
  }

  @Override
  public VideoMessage replace(ByteBuf content) {
    return new VideoMessage(streamId(), timestamp(), content);
  }
}
