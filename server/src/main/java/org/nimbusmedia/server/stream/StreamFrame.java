package org.nimbusmedia.server.stream;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import org.nimbusmedia.rtmp.chunk.ChunkBodyCache;
import org.nimbusmedia.rtmp.chunk.SharedPayload;

/**
 * One audio, video or data message of a live stream: its payload in FLV tag body form (as RTMP
 * carries it) and its timestamp in milliseconds. Reference-counted: whoever holds a frame owns one
 * reference and releases it.
 *
 * <p>The flags are read from the first bytes of the payload (FLV specification 10.1, E.4.2 and
 * E.4.3; enhanced RTMP v1 for the extended video header).
 *
 * <p>A frame has its own reference count: it holds one reference to its payload and to each chunk
 * body made from it for RTMP players ({@link SharedPayload}), and releases them all with its last
 * reference. Code that keeps only the payload retains the payload.
 */
public final class StreamFrame extends AbstractReferenceCounted implements SharedPayload {

  private static final int SOUND_FORMAT_AAC = 10;
  private static final int VIDEO_CODEC_AVC = 7;
  private static final int VIDEO_CODEC_HEVC = 12;
  private static final int FRAME_TYPE_KEY = 1;
  private static final int FRAME_TYPE_COMMAND = 5;

  private final FrameKind kind;
  private final long timestamp;
  private final boolean keyframe;
  private final boolean sequenceHeader;
  private final ByteBuf payload;
  private final ChunkBodyCache chunkBodies = new ChunkBodyCache();

  /**
   * @param payload the frame's bytes; ownership of one reference passes to the frame
   */
  public StreamFrame(FrameKind kind, long timestamp, ByteBuf payload) {
    this.payload = payload;
    this.kind = kind;
    this.timestamp = timestamp;
    this.keyframe = kind == FrameKind.VIDEO && isKeyframe(payload);
    this.sequenceHeader = isSequenceHeader(kind, payload);
  }

  public FrameKind kind() {
    return kind;
  }

  /** Milliseconds, as the publisher stamped it. */
  public long timestamp() {
    return timestamp;
  }

  /** A video frame a decoder can start from. */
  public boolean isKeyframe() {
    return keyframe;
  }

  /** An AVC/HEVC decoder configuration record or an AAC AudioSpecificConfig. */
  public boolean isSequenceHeader() {
    return sequenceHeader;
  }

  /**
   * A video frame that is neither a keyframe nor a sequence header: the frames that may be dropped.
   */
  public boolean isDroppableVideo() {
    return kind == FrameKind.VIDEO && !keyframe && !sequenceHeader && !isVideoCommand();
  }

  private boolean isVideoCommand() {
    ByteBuf payload = this.payload;
    return payload.isReadable()
        && ((payload.getUnsignedByte(payload.readerIndex()) >> 4) & 0x07) == FRAME_TYPE_COMMAND;
  }

  /** This frame with a new timestamp, sharing (and retaining) the same payload. */
  public StreamFrame retainedWithTimestamp(long newTimestamp) {
    return new StreamFrame(kind, newTimestamp, content().retainedDuplicate());
  }

  /** The payload; owned by the frame, valid while the caller holds a reference to the frame. */
  @Override
  public ByteBuf content() {
    return payload;
  }

  @Override
  public ByteBuf retainedChunkBody(int chunkSize, int chunkStreamId) {
    return chunkBodies.retainedBody(payload, chunkSize, chunkStreamId);
  }

  @Override
  protected void deallocate() {
    payload.release();
    chunkBodies.release();
  }

  @Override
  public StreamFrame retain() {
    super.retain();
    return this;
  }

  @Override
  public StreamFrame retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public StreamFrame touch() {
    super.touch();
    return this;
  }

  @Override
  public StreamFrame touch(Object hint) {
    payload.touch(hint);
    return this;
  }

  private static boolean isKeyframe(ByteBuf payload) {
    if (!payload.isReadable()) {
      return false;
    }
    int first = payload.getUnsignedByte(payload.readerIndex());
    // Bit 7 set: enhanced RTMP header, frame type in bits 4-6; otherwise bits 4-7.
    int frameType = (first & 0x80) != 0 ? (first >> 4) & 0x07 : first >> 4;
    return frameType == FRAME_TYPE_KEY;
  }

  private static boolean isSequenceHeader(FrameKind kind, ByteBuf payload) {
    if (payload.readableBytes() < 2) {
      return false;
    }
    int first = payload.getUnsignedByte(payload.readerIndex());
    int second = payload.getUnsignedByte(payload.readerIndex() + 1);
    if (kind == FrameKind.AUDIO) {
      return first >> 4 == SOUND_FORMAT_AAC && second == 0;
    }
    if (kind == FrameKind.VIDEO) {
      if ((first & 0x80) != 0) {
        return (first & 0x0f) == 0; // enhanced RTMP PacketTypeSequenceStart
      }
      int codec = first & 0x0f;
      return (codec == VIDEO_CODEC_AVC || codec == VIDEO_CODEC_HEVC) && second == 0;
    }
    return false;
  }

  @Override
  public String toString() {
    return "StreamFrame(" + kind + ", " + timestamp + " ms, " + content().readableBytes() + " B)";
  }
}
