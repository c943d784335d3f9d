package org.nimbusmedia.rtmp.chunk;

import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.CONTROL_CHUNK_STREAM_ID;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.DEFAULT_CHUNK_SIZE;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_MARKER;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.MESSAGE_HEADER_LENGTH;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.TYPE_ABORT;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.TYPE_ACKNOWLEDGEMENT;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.TYPE_SET_CHUNK_SIZE;
import static org.nimbusmedia.rtmp.chunk.ChunkHeaders.TYPE_WINDOW_ACK_SIZE;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.List;
import java.util.Objects;

/**
 * Reassembles RTMP chunks into whole {@link RawMessage}s (RTMP 1.0 section 5.3). One instance per
 * connection: it keeps the last header of every chunk stream and the partial message being read on
 * it.
 *
 * <p>The decoder also acts on the protocol control messages that concern chunking (section 5.4):
 * Set Chunk Size changes the inbound chunk size, Abort drops the partial message of a chunk stream,
 * and Window Acknowledgement Size makes it send an Acknowledgement each time that many bytes have
 * arrived since the last one. Those messages are still passed up like any other.
 *
 * <p>On any violation of the format or of {@link RtmpLimits} it throws {@link
 * RtmpProtocolException}, stays in {@link State#BAD_MESSAGE} and discards everything after.
 */
public final class RtmpChunkDecoder extends ByteToMessageDecoder {

  /** Decoder state; {@link #BAD_MESSAGE} is terminal. */
  enum State {
    READ_CHUNK,
    BAD_MESSAGE
  }

  /** Header state of one chunk stream, kept between its chunks (section 5.3.1.2). */
  private static final class ChunkStream {
    long timestamp;
    long timestampField;
    int length;
    int typeId;
    int streamId;
    boolean extendedTimestamp;
    ByteBuf partial;
  }

  private final RtmpLimits limits;
  private final IntObjectMap<ChunkStream> chunkStreams = new IntObjectHashMap<>();
  private State state = State.READ_CHUNK;
  private int chunkSize = DEFAULT_CHUNK_SIZE;
  private long bytesReceived;
  private long bytesAcknowledged;
  private long windowAckSize;

  /** Sum of the announced lengths of the messages partly received, bounded by the limits. */
  private long pendingBytes;

  /** A decoder bounded by {@link RtmpLimits#DEFAULTS}. */
  public RtmpChunkDecoder() {
    this(RtmpLimits.DEFAULTS);
  }

  /**
   * @param limits bounds on chunk size, message size and chunk stream count
   */
  public RtmpChunkDecoder(RtmpLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The chunk size currently used to read the peer's chunks. */
  public int chunkSize() {
    return chunkSize;
  }

  State state() {
    return state;
  }

  private void transition(State next) {
    if (state == State.BAD_MESSAGE) {
      return;
    }
    state = next;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf bytes) {
      bytesReceived += bytes.readableBytes();
    }
    super.channelRead(ctx, msg);
    acknowledgeIfDue(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (state == State.BAD_MESSAGE) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      decodeChunk(in, out);
    } catch (RtmpProtocolException e) {
      transition(State.BAD_MESSAGE);
      in.skipBytes(in.readableBytes());
      releasePartials();
      throw e;
    }
  }

  /** Reads one whole chunk if it has fully arrived; otherwise consumes nothing. */
  private void decodeChunk(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    if (readable < 1) {
      return;
    }
    // Basic header (5.3.1.1): 2-bit fmt, then a 6-bit csid where 0 and 1 select the 2- and
    // 3-byte forms that carry csid - 64.
    int first = in.getUnsignedByte(start);
    int fmt = first >>> 6;
    int csidField = first & 0x3F;
    int basicLength = csidField == 0 ? 2 : csidField == 1 ? 3 : 1;
    if (readable < basicLength) {
      return;
    }
    int csid;
    if (csidField == 0) {
      csid = 64 + in.getUnsignedByte(start + 1);
    } else if (csidField == 1) {
      csid = 64 + in.getUnsignedByte(start + 1) + (in.getUnsignedByte(start + 2) << 8);
    } else {
      csid = csidField;
    }
    ChunkStream stream = chunkStreams.get(csid);
    if (stream == null) {
      if (fmt != 0) {
        throw new RtmpProtocolException(
            "chunk stream "
                + csid
                + " starts with a type "
                + fmt
                + " chunk (5.3.1.2 wants type 0)");
      }
      if (chunkStreams.size() >= limits.maxChunkStreams()) {
        throw new RtmpProtocolException(
            "chunk stream "
                + csid
                + " exceeds the limit of "
                + limits.maxChunkStreams()
                + " chunk streams");
      }
    } else if (stream.partial != null && fmt != 3) {
      throw new RtmpProtocolException(
          "type " + fmt + " chunk on chunk stream " + csid + " in the middle of a message");
    }

    int headerIndex = start + basicLength;
    int messageHeaderLength = MESSAGE_HEADER_LENGTH[fmt];
    if (readable < basicLength + messageHeaderLength) {
      return;
    }
    long timestampField = fmt == 3 ? 0 : in.getUnsignedMedium(headerIndex);
    boolean extended =
        fmt == 3 ? stream.extendedTimestamp : timestampField == EXTENDED_TIMESTAMP_MARKER;
    int headerLength = basicLength + messageHeaderLength + (extended ? 4 : 0);
    if (readable < headerLength) {
      return;
    }
    if (extended) {
      // librtmp and FMS repeat the extended timestamp on type 3 chunks whose previous header
      // carried one (section 5.3.1.3).
      timestampField = in.getUnsignedInt(headerIndex + messageHeaderLength);
    }

    boolean newMessage = stream == null || stream.partial == null;
    int length = stream == null ? 0 : stream.length;
    if (fmt <= 1) {
      length = in.getUnsignedMedium(headerIndex + 3);
      if (length > limits.maxMessageSize()) {
        throw new RtmpProtocolException(
            "message of "
                + length
                + " bytes on chunk stream "
                + csid
                + " exceeds the limit of "
                + limits.maxMessageSize());
      }
    }
    if (newMessage && pendingBytes + length > limits.maxPendingBytes()) {
      throw new RtmpProtocolException(
          "message of "
              + length
              + " bytes on chunk stream "
              + csid
              + " would make "
              + (pendingBytes + length)
              + " bytes of partial messages, over the limit of "
              + limits.maxPendingBytes());
    }

    int received = newMessage ? 0 : stream.partial.readableBytes();
    int chunkPayload = Math.min(chunkSize, length - received);
    if (readable < headerLength + chunkPayload) {
      return;
    }

    // The whole chunk is here: commit the header to the chunk stream state.
    if (stream == null) {
      stream = new ChunkStream();
      chunkStreams.put(csid, stream);
    }
    if (newMessage) {
      startMessage(in, stream, fmt, headerIndex, timestampField, length);
    }
    stream.extendedTimestamp = extended;
    in.readerIndex(start + headerLength);
    if (stream.partial == null) {
      stream.partial = in.alloc().buffer(Math.min(length, 65536), Math.max(length, 1));
      pendingBytes += length;
    }
    stream.partial.writeBytes(in, chunkPayload);
    if (stream.partial.readableBytes() == stream.length) {
      ByteBuf payload = stream.partial;
      stream.partial = null;
      pendingBytes -= stream.length;
      RawMessage message =
          new RawMessage(csid, stream.typeId, stream.streamId, stream.timestamp, payload);
      applyControl(message);
      out.add(message);
    }
  }

  /** Applies the header of a message's first chunk; timestamps wrap at 2^32 (5.3.1.3). */
  private static void startMessage(
      ByteBuf in, ChunkStream stream, int fmt, int headerIndex, long timestampField, int length) {
    switch (fmt) {
      case 0 -> {
        stream.timestamp = timestampField;
        stream.streamId = in.getIntLE(headerIndex + 7);
        stream.typeId = in.getUnsignedByte(headerIndex + 6);
      }
      case 1 -> {
        stream.timestamp = (stream.timestamp + timestampField) & 0xFFFFFFFFL;
        stream.typeId = in.getUnsignedByte(headerIndex + 6);
      }
      default -> {
        // Type 2 carries a new delta; type 3 reuses the last one. After a type 0 chunk the
        // "delta" is the type 0 timestamp itself (5.3.1.2.4).
        long delta = fmt == 2 ? timestampField : stream.timestampField;
        if (fmt == 3) {
          timestampField = delta;
        }
        stream.timestamp = (stream.timestamp + delta) & 0xFFFFFFFFL;
      }
    }
    stream.timestampField = timestampField;
    stream.length = length;
  }

  /** Acts on the control messages that change how chunks are read or acknowledged (5.4). */
  private void applyControl(RawMessage message) {
    ByteBuf payload = message.content();
    switch (message.typeId()) {
      case TYPE_SET_CHUNK_SIZE -> {
        requireLength(message, 4, "Set Chunk Size", "5.4.1");
        int size = payload.getInt(payload.readerIndex());
        if (size < 1) {
          message.release();
          throw new RtmpProtocolException(
              "Set Chunk Size " + Integer.toUnsignedString(size) + " is outside 1..2^31-1 (5.4.1)");
        }
        if (size > limits.maxChunkSize()) {
          message.release();
          throw new RtmpProtocolException(
              "Set Chunk Size " + size + " exceeds the limit of " + limits.maxChunkSize());
        }
        chunkSize = size;
      }
      case TYPE_ABORT -> {
        requireLength(message, 4, "Abort", "5.4.2");
        ChunkStream aborted = chunkStreams.get(payload.getInt(payload.readerIndex()));
        if (aborted != null && aborted.partial != null) {
          aborted.partial.release();
          aborted.partial = null;
          pendingBytes -= aborted.length;
        }
      }
      case TYPE_WINDOW_ACK_SIZE -> {
        requireLength(message, 4, "Window Acknowledgement Size", "5.4.4");
        windowAckSize = payload.getUnsignedInt(payload.readerIndex());
      }
      default -> {
        // Other messages do not concern the chunk layer.
      }
    }
  }

  private static void requireLength(RawMessage message, int length, String name, String section) {
    int actual = message.content().readableBytes();
    if (actual < length) {
      message.release();
      throw new RtmpProtocolException(
          name + " payload of " + actual + " bytes, " + section + " wants " + length);
    }
  }

  /** Sends an Acknowledgement once a window's worth of bytes has arrived (5.4.3). */
  private void acknowledgeIfDue(ChannelHandlerContext ctx) {
    if (state == State.BAD_MESSAGE
        || windowAckSize == 0
        || bytesReceived - bytesAcknowledged < windowAckSize) {
      return;
    }
    bytesAcknowledged = bytesReceived;
    ByteBuf payload = ctx.alloc().buffer(4).writeInt((int) bytesReceived);
    // Through the whole pipeline from the tail, so the chunk encoder encodes it wherever it sits.
    ctx.channel()
        .writeAndFlush(new RawMessage(CONTROL_CHUNK_STREAM_ID, TYPE_ACKNOWLEDGEMENT, 0, 0, payload))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private void releasePartials() {
    for (ChunkStream stream : chunkStreams.values()) {
      if (stream.partial != null) {
        stream.partial.release();
        stream.partial = null;
      }
    }
    pendingBytes = 0;
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    releasePartials();
    chunkStreams.clear();
  }
}
