package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Random;

/**
 * A synthetic H.264 + AAC stream at a given bitrate and frame rate, as FLV tag bodies (FLV
 * specification 10.1, annex E.4.2 and E.4.3): an AVC sequence header (AVCPacketType 0) and an AAC
 * AudioSpecificConfig (AACPacketType 0) first, then a keyframe ({@code 0x17 0x01}) every {@code
 * keyframeInterval} frames and inter frames ({@code 0x27 0x01}) between, and raw AAC frames ({@code
 * 0xAF 0x01}) at the audio frame rate. Each video frame is AVCC: an IDR (type 5) or non-IDR (type
 * 1) NAL unit of filler bytes, then a filler-data NAL unit (type 12) holding the {@link Probe}.
 *
 * <p>Keyframes are four times the size of inter frames; the sizes are chosen so that audio and
 * video together average {@code bitrate}.
 */
final class SyntheticStream implements MediaSource {

  /** AAC frames of 1024 samples at 44.1 kHz: 43.07 per second. */
  static final double AAC_FRAMES_PER_SECOND = 44100.0 / 1024;

  /** Video header (5) + NAL length (4) + NAL header (1) + probe NAL length, header, probe. */
  static final int VIDEO_OVERHEAD = 5 + 4 + 1 + 4 + 1 + Probe.SIZE;

  /** Audio header (2) + probe. */
  static final int AUDIO_OVERHEAD = 2 + Probe.SIZE;

  /** AVCDecoderConfigurationRecord of a 1280x720 High profile level 3.1 stream. */
  private static final byte[] AVC_CONFIG = {
    0x17,
    0x00,
    0x00,
    0x00,
    0x00, // keyframe AVC, AVCPacketType 0, composition time 0
    0x01,
    0x64,
    0x00,
    0x1F,
    (byte) 0xFF, // version 1, High, compatibility, level 3.1, NALU length 4
    (byte) 0xE1,
    0x00,
    0x0E, // one SPS of 14 bytes
    0x67,
    0x64,
    0x00,
    0x1F,
    (byte) 0xAC,
    (byte) 0xD9,
    0x40,
    0x50,
    0x05,
    (byte) 0xBB,
    0x01,
    0x10,
    0x00,
    0x00,
    0x01,
    0x00,
    0x04, // one PPS of 4 bytes
    0x68,
    (byte) 0xEB,
    (byte) 0xE3,
    (byte) 0xCB
  };

  /** AAC sequence header: AAC LC, 44.1 kHz, stereo (ISO 14496-3 AudioSpecificConfig 0x12 0x10). */
  private static final byte[] AAC_CONFIG = {(byte) 0xAF, 0x00, 0x12, 0x10};

  private final int fps;
  private final int keyframeInterval;
  private final double audioFps;
  private final int keyframeSize;
  private final int interSize;
  private final int audioSize;
  private final byte[] filler;
  private long videoIndex;
  private long audioIndex;
  private boolean configSent;
  private boolean audioConfigSent;

  /**
   * @param bitrate bits per second of audio and video bodies together
   * @param fps video frames per second
   * @param keyframeInterval a keyframe every this many video frames
   * @param audio whether to send AAC audio at 43 frames per second (128 kbit/s)
   */
  SyntheticStream(long bitrate, int fps, int keyframeInterval, boolean audio) {
    if (fps < 1 || keyframeInterval < 1) {
      throw new IllegalArgumentException("fps and keyframeInterval must be positive");
    }
    this.fps = fps;
    this.keyframeInterval = keyframeInterval;
    this.audioFps = audio ? AAC_FRAMES_PER_SECOND : 0;
    long audioBitrate = audio ? Math.min(128_000, bitrate / 4) : 0;
    this.audioSize =
        audio ? Math.max(AUDIO_OVERHEAD, (int) (audioBitrate / 8 / AAC_FRAMES_PER_SECOND)) : 0;
    double videoBytesPerFrame = (bitrate - audioBitrate) / 8.0 / fps;
    // key + (k - 1) * inter = k * average, with key = 4 * inter
    int inter = (int) (keyframeInterval * videoBytesPerFrame / (keyframeInterval + 3));
    this.interSize = Math.max(VIDEO_OVERHEAD, inter);
    this.keyframeSize = keyframeInterval == 1 ? interSize : Math.max(VIDEO_OVERHEAD, 4 * inter);
    this.filler = new byte[Math.max(keyframeSize, audioSize)];
    new Random(7).nextBytes(filler);
  }

  int keyframeSize() {
    return keyframeSize;
  }

  int interSize() {
    return interSize;
  }

  int audioSize() {
    return audioSize;
  }

  @Override
  public Frame next() {
    if (!configSent) {
      configSent = true;
      return new Fixed(Frame.Kind.VIDEO, 0, AVC_CONFIG);
    }
    if (audioFps > 0 && !audioConfigSent) {
      audioConfigSent = true;
      return new Fixed(Frame.Kind.AUDIO, 0, AAC_CONFIG);
    }
    long videoTime = videoIndex * 1000 / fps;
    long audioTime = audioFps > 0 ? (long) (audioIndex * 1000 / audioFps) : Long.MAX_VALUE;
    if (audioTime < videoTime) {
      audioIndex++;
      return new Audio(audioTime);
    }
    boolean key = videoIndex % keyframeInterval == 0;
    videoIndex++;
    return new Video(videoTime, key);
  }

  /** A body sent as is, without a probe. */
  record Fixed(Kind kind, long timestamp, byte[] body) implements Frame {
    @Override
    public boolean probed() {
      return false;
    }

    @Override
    public ByteBuf render(ByteBufAllocator alloc, Probe probe) {
      return alloc.buffer(body.length).writeBytes(body);
    }
  }

  private final class Video implements Frame {
    private final long timestamp;
    private final boolean key;

    Video(long timestamp, boolean key) {
      this.timestamp = timestamp;
      this.key = key;
    }

    @Override
    public Kind kind() {
      return Kind.VIDEO;
    }

    @Override
    public long timestamp() {
      return timestamp;
    }

    @Override
    public boolean probed() {
      return true;
    }

    @Override
    public ByteBuf render(ByteBufAllocator alloc, Probe probe) {
      int size = key ? keyframeSize : interSize;
      int fill = size - VIDEO_OVERHEAD;
      ByteBuf out = alloc.buffer(size);
      out.writeByte(key ? 0x17 : 0x27).writeByte(0x01).writeMedium(0);
      out.writeInt(1 + fill).writeByte(key ? 0x65 : 0x41).writeBytes(filler, 0, fill);
      out.writeInt(1 + Probe.SIZE).writeByte(0x0C);
      probe.writeTo(out);
      return out;
    }
  }

  private final class Audio implements Frame {
    private final long timestamp;

    Audio(long timestamp) {
      this.timestamp = timestamp;
    }

    @Override
    public Kind kind() {
      return Kind.AUDIO;
    }

    @Override
    public long timestamp() {
      return timestamp;
    }

    @Override
    public boolean probed() {
      return true;
    }

    @Override
    public ByteBuf render(ByteBufAllocator alloc, Probe probe) {
      ByteBuf out = alloc.buffer(audioSize);
      out.writeByte(0xAF).writeByte(0x01).writeBytes(filler, 0, audioSize - AUDIO_OVERHEAD);
      probe.writeTo(out);
      return out;
    }
  }

  @Override
  public String toString() {
    return String.format(
        "synthetic %d fps, keyframe every %d (key %d B, inter %d B), audio %d B at %.2f fps",
        fps, keyframeInterval, keyframeSize, interSize, audioSize, audioFps);
  }
}
