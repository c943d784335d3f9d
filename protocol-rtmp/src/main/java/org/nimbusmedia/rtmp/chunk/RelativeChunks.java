package org.nimbusmedia.rtmp.chunk;

import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_MARKER;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.MESSAGE_HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/**
 * A run of messages split into chunks once, each message behind a type 1 header (timestamp delta,
 * length, type; RTMP 1.0 section 5.3.1.2.2), to be sent as the same bytes on many connections.
 *
 * <p>A type 1 header counts from the timestamp of the previous message on its chunk stream and
 * keeps that message's stream id, so the bytes are right for any connection whose chunk streams
 * stand where the run begins: on each chunk stream the run uses, the connection's last message had
 * the timestamp the run's first delta counts from, on the connection's message stream. Timestamps
 * here are the publisher's; a connection whose timestamps are the publisher's plus a constant (its
 * player started later) gets the same deltas, so the same bytes. {@link RtmpChunkEncoder#accepts}
 * checks this for one connection, which then gets a {@link RelativeChunksMessage}.
 *
 * <p>The chunk bytes belong to this object until {@link #release}; connections get retained
 * duplicates.
 */
public final class RelativeChunks {
  /** One message of a run, in the publisher's time. */
  public record Message(int chunkStreamId, int typeId, long timestamp, ByteBuf payload) {}

  /** Where one chunk stream of a connection stands before the run and after it. */
  record Span(
      int chunkStreamId,
      long timestampBefore,
      long timestampAfter,
      long lastDelta,
      int lastLength,
      int lastTypeId) {}

  private final ByteBuf chunks;
  private final int chunkSize;
  private final Span[] spans;

  private RelativeChunks(ByteBuf chunks, int chunkSize, Span[] spans) {
    this.chunks = chunks;
    this.chunkSize = chunkSize;
    this.spans = spans;
  }

  /**
   * The run of {@code messages} in chunks of {@code chunkSize}, or empty when it cannot be sent
   * this way: a chunk stream with no message before the run ({@code previousTimestamp} gives -1), a
   * timestamp that goes back, or a delta that needs an extended timestamp. Such a run goes message
   * by message.
   *
   * @param previousTimestamp for a chunk stream id, the timestamp of the message before the run on
   *     it, or -1
   */
  public static Optional<RelativeChunks> of(
      ByteBufAllocator alloc,
      int chunkSize,
      List<Message> messages,
      IntToLongFunction previousTimestamp) {
    // First pass: each message's delta, and where each chunk stream stands after the run.
    IntObjectMap<Span> spans = new IntObjectHashMap<>();
    long[] deltas = new long[messages.size()];
    int length = 0;
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      int csid = message.chunkStreamId();
      Span span = spans.get(csid);
      long before = span != null ? span.timestampBefore() : previousTimestamp.applyAsLong(csid);
      if (before < 0) {
        return Optional.empty();
      }
      long delta = message.timestamp() - (span != null ? span.timestampAfter() : before);
      int payloadLength = message.payload().readableBytes();
      if (delta < 0 || delta >= EXTENDED_TIMESTAMP_MARKER || payloadLength > 0xFFFFFF) {
        return Optional.empty();
      }
      deltas[i] = delta;
      spans.put(
          csid,
          new Span(csid, before, message.timestamp(), delta, payloadLength, message.typeId()));
      length +=
          ChunkBody.basicHeaderLength(csid)
              + MESSAGE_HEADER_LENGTH[1]
              + ChunkBody.length(payloadLength, chunkSize, csid, false);
    }
    // Second pass: the chunks.
    ByteBuf chunks = alloc.ioBuffer(length);
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      int csid = message.chunkStreamId();
      ChunkBody.writeBasicHeader(chunks, 1, csid);
      chunks.writeMedium((int) deltas[i]);
      chunks.writeMedium(message.payload().readableBytes());
      chunks.writeByte(message.typeId());
      ChunkBody.write(chunks, message.payload(), chunkSize, csid, -1);
    }
    return Optional.of(new RelativeChunks(chunks, chunkSize, spans.values().toArray(new Span[0])));
  }

  /** The chunk size the run was split with; only a connection sending with it can use the run. */
  public int chunkSize() {
    return chunkSize;
  }

  Span[] spans() {
    return spans;
  }

  /** The chunk bytes with their own indices and one more reference, for one connection. */
  ByteBuf retainedChunks() {
    return chunks.retainedDuplicate();
  }

  /** Bytes of the run on the wire. */
  public int length() {
    return chunks.readableBytes();
  }

  /** Gives up this object's reference to the chunk bytes. */
  public void release() {
    chunks.release();
  }
}
