package org.nimbusmedia.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A payload that many connections send, such as a live frame going to every player of a stream.
 * Each connection's {@link RtmpChunkEncoder} writes its own first chunk header and then the {@link
 * ChunkBody}, which the payload makes once per chunk size and chunk stream and shares, so that the
 * payload is neither copied nor re-chunked per connection.
 */
public interface SharedPayload extends ReferenceCounted {

  /** The payload's readable bytes; owned by this object, not retained for the caller. */
  ByteBuf content();

  /**
   * The payload in chunk form with no extended timestamps ({@link ChunkBody#of}), made on first use
   * for this chunk size and chunk stream and retained for the caller.
   */
  ByteBuf retainedChunkBody(int chunkSize, int chunkStreamId);
}
