package org.nimbusmedia.rtmp.chunk;

import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.DEFAULT_CHUNK_SIZE;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_MARKER;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.MESSAGE_HEADER_LENGTH;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.TYPE_SET_CHUNK_SIZE;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ReferenceCounted;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * Splits {@link RawMessage}s into RTMP chunks (RTMP 1.0 section 5.3). One instance per connection:
 * it remembers the last header sent on each chunk stream to pick the shortest header type.
 *
 * <p>The outbound chunk size starts at the protocol default of 128 bytes (section 5.4.1) and
 * changes when a Set Chunk Size message (type 1) is written through this encoder: that message is
 * still sent with the old size, and every later message with the new one. Servers conventionally
 * send {@value #RECOMMENDED_CHUNK_SIZE} (the FMS {@code OutChunkSize} default).
 *
 * <p>Header choice: type 0 for the first message of a chunk stream, a new message stream or a
 * timestamp that goes backwards; type 1 when length or type changes; type 2 when only the delta
 * changes; type 3 when the delta repeats one sent explicitly in a type 1 or 2 header. Type 3 never
 * directly follows type 0 because peers disagree on the delta that implies.
 *
 * <p>A {@link SharedMessage} (a live frame going to many players) is written as two buffers: this
 * connection's first header, and the payload's shared {@link ChunkBody}, which is not copied. When
 * the header needs an extended timestamp, which continuation headers repeat, or the payload is
 * shorter than {@value #MIN_SHARED_BODY} bytes (an audio frame), it is copied into chunks like any
 * other message: for a small payload a copy costs less than a second buffer through the channel.
 * Anything else is passed on unchanged.
 *
 * <p>Writes whose outcome nobody observes (a void promise, as live players use) are coalesced:
 * their chunks, and the first header of a shared body, are appended to one buffer that goes down
 * the pipeline before the next shared body, before any other write, when it holds {@value
 * #COALESCE_LIMIT} bytes, and on flush. A batch of live frames thus reaches the socket as a few
 * buffers instead of one or two per frame. Nothing leaves earlier or later than it would have:
 * bytes are sent on flush either way.
 */
public final class RtmpChunkEncoder extends ChannelOutboundHandlerAdapter {

  /** The chunk size FMS 4 sends by default, to be announced with a Set Chunk Size message. */
  public static final int RECOMMENDED_CHUNK_SIZE = 4096;

  /** Shortest payload sent as a shared body rather than copied. */
  static final int MIN_SHARED_BODY = 1024;

  /** Bytes of coalesced chunks held before they go down the pipeline without waiting for more. */
  static final int COALESCE_LIMIT = 16 * 1024;

  /** Last header sent on one chunk stream. */
  private static final class ChunkStream {
    long timestamp;
    long delta;
    boolean deltaSent;
    int length;
    int typeId;
    int streamId;
  }

  private final IntObjectMap<ChunkStream> chunkStreams = new IntObjectHashMap<>();
  private int chunkSize = DEFAULT_CHUNK_SIZE;
  // The header type and timestamp field chosen by the last call to nextHeader.
  private int fmt;
  private long timestampField;
  // For the header written before a shared chunk body, whose promise reports the outcome.
  private ChannelPromise headerPromise;
  // Chunks of unobserved writes not yet passed down; null when there are none.
  private ByteBuf coalesced;

  /** An encoder that starts with the 128-byte default chunk size. */
  public RtmpChunkEncoder() {}

  /** The chunk size currently used to split outbound messages. */
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Not the channel's void promise: that one would fire a failed write into the pipeline.
    headerPromise = new VoidChannelPromise(ctx.channel(), false);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof RawMessage raw) {
      write(
          ctx,
          raw,
          raw.chunkStreamId(),
          raw.typeId(),
          raw.streamId(),
          raw.timestamp(),
          raw.content(),
          null,
          promise);
    } else if (msg instanceof SharedMessage shared) {
      write(
          ctx,
          shared,
          shared.chunkStreamId(),
          shared.typeId(),
          shared.streamId(),
          shared.timestamp(),
          shared.payload().content(),
          shared.payload(),
          promise);
    } else if (msg instanceof RelativeChunksMessage relative) {
      write(ctx, relative, promise);
    } else {
      writeCoalesced(ctx);
      ctx.write(msg, promise);
    }
  }

  /**
   * Whether {@code run}'s bytes are right on this connection with its timestamps shifted by {@code
   * shift} on message stream {@code streamId}: the same chunk size, and on each chunk stream of the
   * run, a last message on that message stream with the timestamp the run counts from. Call on the
   * connection's event loop.
   */
  public boolean accepts(RelativeChunks run, long shift, int streamId) {
    if (run.chunkSize() != chunkSize) {
      return false;
    }
    for (RelativeChunks.Span span : run.spans()) {
      ChunkStream stream = chunkStreams.get(span.chunkStreamId());
      if (stream == null
          || stream.streamId != streamId
          || stream.timestamp != span.timestampBefore() + shift) {
        return false;
      }
    }
    return true;
  }

  /** Sends a prepared run as it is and moves each of its chunk streams to where the run ends. */
  private void write(
      ChannelHandlerContext ctx, RelativeChunksMessage message, ChannelPromise promise) {
    RelativeChunks run = message.run();
    if (!accepts(run, message.shift(), message.streamId())) {
      promise.setFailure(
          new EncoderException(
              "a prepared chunk run does not continue this connection's chunk streams"));
      return;
    }
    for (RelativeChunks.Span span : run.spans()) {
      ChunkStream stream = chunkStreams.get(span.chunkStreamId());
      stream.timestamp = span.timestampAfter() + message.shift();
      stream.delta = span.lastDelta();
      stream.deltaSent = true;
      stream.length = span.lastLength();
      stream.typeId = span.lastTypeId();
    }
    writeCoalesced(ctx);
    ctx.write(run.retainedChunks(), promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    writeCoalesced(ctx);
    ctx.flush();
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    releaseCoalesced();
    ctx.close(promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseCoalesced();
  }

  /** Passes the coalesced chunks down the pipeline, if there are any. */
  private void writeCoalesced(ChannelHandlerContext ctx) {
    if (coalesced != null) {
      ByteBuf out = coalesced;
      coalesced = null;
      ctx.write(out, headerPromise);
    }
  }

  private void releaseCoalesced() {
    if (coalesced != null) {
      coalesced.release();
      coalesced = null;
    }
  }

  /**
   * Where the next {@code length} bytes of chunks go: the coalescing buffer for an unobserved
   * write, made or renewed as needed, else a new buffer after the coalesced chunks went down.
   */
  private ByteBuf outputFor(ChannelHandlerContext ctx, int length, ChannelPromise promise) {
    if (!promise.isVoid()) {
      writeCoalesced(ctx);
      return ctx.alloc().ioBuffer(length);
    }
    if (coalesced != null && coalesced.writerIndex() + length > coalesced.capacity()) {
      writeCoalesced(ctx);
    }
    if (coalesced == null) {
      coalesced = ctx.alloc().ioBuffer(Math.max(length, COALESCE_LIMIT));
    }
    return coalesced;
  }

  /**
   * Writes one message's chunks and releases the message: the first header and the shared chunk
   * body when {@code shared} is given and no extended timestamp is needed, else one new buffer.
   */
  private void write(
      ChannelHandlerContext ctx,
      ReferenceCounted message,
      int csid,
      int typeId,
      int streamId,
      long timestamp,
      ByteBuf payload,
      SharedPayload shared,
      ChannelPromise promise) {
    ByteBuf out = null;
    ByteBuf body = null;
    int start = 0;
    try {
      int length = payload.readableBytes();
      if (length > 0xFFFFFF) {
        throw new EncoderException(
            "message of " + length + " bytes does not fit the 24-bit length field (5.3.1.2.1)");
      }
      int nextChunkSize = chunkSize;
      if (typeId == TYPE_SET_CHUNK_SIZE) {
        if (length < 4 || payload.getInt(payload.readerIndex()) < 1) {
          throw new EncoderException("Set Chunk Size needs a value of 1..2^31-1 (5.4.1)");
        }
        nextChunkSize = payload.getInt(payload.readerIndex());
      }
      nextHeader(csid, typeId, streamId, timestamp, length);
      boolean extended = timestampField >= EXTENDED_TIMESTAMP_MARKER;
      if (shared != null && !extended && length >= MIN_SHARED_BODY) {
        out = outputFor(ctx, headerLength(csid), promise);
        start = out.writerIndex();
        writeHeader(out, csid, typeId, streamId, length);
        body = shared.retainedChunkBody(chunkSize, csid);
      } else {
        out =
            outputFor(
                ctx,
                headerLength(csid)
                    + (extended ? 4 : 0)
                    + ChunkBody.length(length, chunkSize, csid, extended),
                promise);
        start = out.writerIndex();
        writeHeader(out, csid, typeId, streamId, length);
        // Continuation chunks repeat the extended timestamp, as librtmp and FMS do.
        ChunkBody.write(out, payload, chunkSize, csid, extended ? timestampField : -1);
      }
      chunkSize = nextChunkSize;
    } catch (RuntimeException e) {
      if (out == coalesced && out != null) {
        // Keep what earlier writes coalesced; drop this message's partial chunks.
        out.writerIndex(start);
      } else if (out != null) {
        out.release();
      }
      message.release();
      promise.setFailure(e instanceof EncoderException ? e : new EncoderException(e));
      return;
    }
    message.release();
    if (out == coalesced) {
      if (body != null) {
        writeCoalesced(ctx);
        ctx.write(body, promise);
      } else if (coalesced.readableBytes() >= COALESCE_LIMIT) {
        writeCoalesced(ctx);
      }
    } else if (body == null) {
      ctx.write(out, promise);
    } else {
      ctx.write(out, headerPromise);
      ctx.write(body, promise);
    }
  }

  /**
   * Picks the header type for the next message on {@code csid} and its timestamp field (into {@link
   * #fmt} and {@link #timestampField}), and remembers the message's header fields.
   */
  private void nextHeader(int csid, int typeId, int streamId, long timestamp, int length) {
    ChunkStream stream = chunkStreams.get(csid);
    if (stream == null || stream.streamId != streamId || timestamp < stream.timestamp) {
      if (stream == null) {
        stream = new ChunkStream();
        chunkStreams.put(csid, stream);
      }
      fmt = 0;
      timestampField = timestamp;
      stream.deltaSent = false;
    } else {
      long delta = timestamp - stream.timestamp;
      if (stream.length != length || stream.typeId != typeId) {
        fmt = 1;
      } else if (stream.deltaSent && stream.delta == delta) {
        fmt = 3;
      } else {
        fmt = 2;
      }
      timestampField = delta;
      stream.delta = delta;
      stream.deltaSent = true;
    }
    stream.timestamp = timestamp;
    stream.length = length;
    stream.typeId = typeId;
    stream.streamId = streamId;
  }

  /** Length of the first header as chosen by {@link #nextHeader}, without extended timestamp. */
  private int headerLength(int csid) {
    return ChunkBody.basicHeaderLength(csid) + MESSAGE_HEADER_LENGTH[fmt];
  }

  /** Writes the first chunk's header as chosen by {@link #nextHeader} (5.3.1.2). */
  private void writeHeader(ByteBuf out, int csid, int typeId, int streamId, int length) {
    boolean extended = timestampField >= EXTENDED_TIMESTAMP_MARKER;
    ChunkBody.writeBasicHeader(out, fmt, csid);
    if (fmt <= 2) {
      out.writeMedium(extended ? EXTENDED_TIMESTAMP_MARKER : (int) timestampField);
    }
    if (fmt <= 1) {
      out.writeMedium(length);
      out.writeByte(typeId);
    }
    if (fmt == 0) {
      out.writeIntLE(streamId);
    }
    if (extended) {
      out.writeInt((int) timestampField);
    }
  }
}
