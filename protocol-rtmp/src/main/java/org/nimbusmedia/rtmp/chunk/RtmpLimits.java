package org.nimbusmedia.rtmp.chunk;

/**
 * Bounds on what a peer may make the chunk decoder hold. A peer that exceeds one gets an {@link
 * RtmpProtocolException} before anything is allocated for the offending value.
 *
 * @param maxChunkSize the largest Set Chunk Size value accepted from the peer, 1 to 2^31-1 (RTMP
 *     1.0 section 5.4.1 allows up to 2^31-1 and treats values above 0xFFFFFF alike)
 * @param maxMessageSize the largest message length accepted in a chunk message header, in bytes (at
 *     least 1; the header field is 24 bits wide, so values above 0xFFFFFF never bind)
 * @param maxChunkStreams how many distinct chunk stream ids one connection may use; each one keeps
 *     header state and possibly a partial message
 * @param maxPendingBytes the largest sum of the announced lengths of the messages partly received
 *     at one time on all chunk streams (at least {@code maxMessageSize}); without it a peer could
 *     interleave {@code maxChunkStreams} messages of {@code maxMessageSize} each
 */
public record RtmpLimits(
    int maxChunkSize, int maxMessageSize, int maxChunkStreams, int maxPendingBytes) {

  /** Spec maximum for Set Chunk Size (section 5.4.1: the top bit must be zero). */
  public static final int SPEC_MAX_CHUNK_SIZE = Integer.MAX_VALUE;

  /** Default maximum message length: 16 MiB, more than a 24-bit length field can announce. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

  /** Default number of chunk stream ids; real clients use fewer than ten. */
  public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;

  /** Default bound on partly received messages: two maximum-size messages. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 2 * DEFAULT_MAX_MESSAGE_SIZE;

  /**
   * Limits that accept every spec-valid chunk size, 16 MiB messages, 64 chunk streams and 32 MiB of
   * partly received messages.
   */
  public static final RtmpLimits DEFAULTS =
      new RtmpLimits(
          SPEC_MAX_CHUNK_SIZE,
          DEFAULT_MAX_MESSAGE_SIZE,
          DEFAULT_MAX_CHUNK_STREAMS,
          DEFAULT_MAX_PENDING_BYTES);

  /** Validates every bound; a bad value names the component and the expected range. */
  public RtmpLimits {
    if (maxChunkSize < 1) {
      throw new IllegalArgumentException(
          "maxChunkSize must be between 1 and " + SPEC_MAX_CHUNK_SIZE + ", got " + maxChunkSize);
    }
    if (maxMessageSize < 1) {
      throw new IllegalArgumentException(
          "maxMessageSize must be at least 1, got " + maxMessageSize);
    }
    if (maxChunkStreams < 1 || maxChunkStreams > 65599) {
      throw new IllegalArgumentException(
          "maxChunkStreams must be between 1 and 65599, got " + maxChunkStreams);
    }
    if (maxPendingBytes < maxMessageSize) {
      throw new IllegalArgumentException(
          "maxPendingBytes must be at least maxMessageSize ("
              + maxMessageSize
              + "), got "
              + maxPendingBytes);
    }
  }

  /** A copy with another maximum chunk size. */
  public RtmpLimits withMaxChunkSize(int value) {
    return new RtmpLimits(value, maxMessageSize, maxChunkStreams, maxPendingBytes);
  }

  /** A copy with another maximum message size; the pending bound is raised to it if lower. */
  public RtmpLimits withMaxMessageSize(int value) {
    return new RtmpLimits(maxChunkSize, value, maxChunkStreams, Math.max(value, maxPendingBytes));
  }

  /** A copy with another maximum number of chunk streams. */
  public RtmpLimits withMaxChunkStreams(int value) {
    return new RtmpLimits(maxChunkSize, maxMessageSize, value, maxPendingBytes);
  }

  /** A copy with another bound on partly received messages. */
  public RtmpLimits withMaxPendingBytes(int value) {
    return new RtmpLimits(maxChunkSize, maxMessageSize, maxChunkStreams, value);
  }
}
