package org.nimbusmedia.rtmp.chunk;

import io.netty.buffer.ByteBuf;

/**
 * The {@link ChunkBody}s made from one payload, by chunk size and chunk stream, for a {@link
 * SharedPayload} to hand out. Connections of one server normally share one chunk size and one chunk
 * stream per kind of message, so a couple of entries cover them; a further combination gets a body
 * of its own, not kept. Thread-safe: players on several event loops ask for the same frame's body.
 */
public final class ChunkBodyCache {
  private static final int ENTRIES = 2;

  private final int[] chunkSizes = new int[ENTRIES];
  private final int[] chunkStreams = new int[ENTRIES];
  private final ByteBuf[] bodies = new ByteBuf[ENTRIES];

  /** The body of {@code payload} for this chunk size and chunk stream, retained for the caller. */
  public synchronized ByteBuf retainedBody(ByteBuf payload, int chunkSize, int chunkStreamId) {
    for (int i = 0; i < ENTRIES && bodies[i] != null; i++) {
      if (chunkSizes[i] == chunkSize && chunkStreams[i] == chunkStreamId) {
        return bodies[i].retainedDuplicate();
      }
    }
    ByteBuf body = ChunkBody.of(payload.alloc(), payload, chunkSize, chunkStreamId);
    for (int i = 0; i < ENTRIES; i++) {
      if (bodies[i] == null) {
        bodies[i] = body;
        chunkSizes[i] = chunkSize;
        chunkStreams[i] = chunkStreamId;
        return body.retainedDuplicate();
      }
    }
    return body;
  }

  /** Releases the kept bodies; those handed out stay valid until their holders release them. */
  public synchronized void release() {
    for (int i = 0; i < ENTRIES && bodies[i] != null; i++) {
      bodies[i].release();
      bodies[i] = null;
    }
  }
}
