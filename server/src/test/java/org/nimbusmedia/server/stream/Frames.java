package org.nimbusmedia.server.stream;

import io.netty.buffer.Unpooled;

/** Frames with the FLV tag body bytes that decide how the bus treats them. */
final class Frames {
  private Frames() {}

  /** AVC keyframe: frame type 1, codec 7 (0x17), AVC NALU (1), composition time 0, one byte. */
  static StreamFrame keyframe(long ts) {
    return video(ts, 0x17, 0x01, 0, 0, 0, 0x65);
  }

  /** AVC inter frame: frame type 2, codec 7 (0x27), AVC NALU. */
  static StreamFrame interframe(long ts) {
    return video(ts, 0x27, 0x01, 0, 0, 0, 0x41);
  }

  /** AVC sequence header: 0x17, AVC packet type 0, then the decoder configuration record. */
  static StreamFrame avcConfig(long ts) {
    return video(ts, 0x17, 0x00, 0, 0, 0, 0x01, 0x64);
  }

  /** AAC raw frame: sound format 10, 44 kHz, 16 bit, stereo (0xAF), AAC packet type 1. */
  static StreamFrame aac(long ts) {
    return audio(ts, 0xAF, 0x01, 0x21);
  }

  /** AAC sequence header: 0xAF, AAC packet type 0, AudioSpecificConfig. */
  static StreamFrame aacConfig(long ts) {
    return audio(ts, 0xAF, 0x00, 0x12, 0x10);
  }

  static StreamFrame data(long ts) {
    return new StreamFrame(FrameKind.DATA, ts, Unpooled.wrappedBuffer(new byte[] {2, 0, 0}));
  }

  static StreamFrame video(long ts, int... bytes) {
    return new StreamFrame(FrameKind.VIDEO, ts, Unpooled.wrappedBuffer(toBytes(bytes)));
  }

  static StreamFrame audio(long ts, int... bytes) {
    return new StreamFrame(FrameKind.AUDIO, ts, Unpooled.wrappedBuffer(toBytes(bytes)));
  }

  private static byte[] toBytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
