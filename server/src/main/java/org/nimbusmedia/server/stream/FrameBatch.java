package org.nimbusmedia.server.stream;

import io.netty.util.AbstractReferenceCounted;
import java.util.List;
import org.nimbusmedia.rtmp.chunk.RelativeChunks;

/**
 * One batch of a live stream's queue (see {@link PublishQueue}): its frames in order, and for each
 * kind of frame the timestamp of the last frame of that kind sent before the batch, so that the
 * batch can be encoded once for every player that is in step with the stream ({@link
 * RelativeChunks}). That encoding is made by the first player that asks, kept here, and freed with
 * the batch.
 *
 * <p>Reference counted: the stream holds one reference while it hands the batch out and each
 * subscriber gets one. The batch holds no reference to its frames; whoever builds its encoding must
 * hold them.
 */
public final class FrameBatch extends AbstractReferenceCounted {
  /** Makes a batch's encoding for one chunk size, or null when it cannot be made. */
  @FunctionalInterface
  public interface Encoding {
    RelativeChunks encode(FrameBatch batch, int chunkSize);
  }

  private final List<StreamFrame> frames;
  private final long[] previousTimestamps;
  private RelativeChunks chunks;
  private int chunksChunkSize;
  private boolean chunksTried;

  /**
   * @param previousTimestamps by {@link FrameKind#ordinal()}, the timestamp of the last frame of
   *     that kind before the batch, or -1
   */
  FrameBatch(List<StreamFrame> frames, long[] previousTimestamps) {
    this.frames = frames;
    this.previousTimestamps = previousTimestamps;
  }

  public List<StreamFrame> frames() {
    return frames;
  }

  /** The timestamp of the last frame of {@code kind} sent before this batch, or -1. */
  public long previousTimestamp(FrameKind kind) {
    return previousTimestamps[kind.ordinal()];
  }

  /**
   * The batch in chunks of {@code chunkSize}, made by {@code encoding} on the first call and kept;
   * null when {@code encoding} found the batch cannot be sent that way, or when a different chunk
   * size was asked for first (one chunk size serves every connection of a server).
   */
  public synchronized RelativeChunks relativeChunks(int chunkSize, Encoding encoding) {
    if (!chunksTried) {
      chunksTried = true;
      chunksChunkSize = chunkSize;
      chunks = encoding.encode(this, chunkSize);
    }
    return chunkSize == chunksChunkSize ? chunks : null;
  }

  @Override
  protected synchronized void deallocate() {
    if (chunks != null) {
      chunks.release();
      chunks = null;
    }
  }

  @Override
  public FrameBatch retain() {
    super.retain();
    return this;
  }

  @Override
  public FrameBatch touch(Object hint) {
    return this;
  }
}
