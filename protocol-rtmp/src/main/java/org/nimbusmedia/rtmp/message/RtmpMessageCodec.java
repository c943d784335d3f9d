package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;

/**
 * Sits above the chunk codec and translates between {@link RawMessage} and the typed messages of
 * this package.
 *
 * <p>Inbound: protocol control messages and user control events become {@link ControlMessage}
 * records, audio and video become {@link AudioMessage} and {@link VideoMessage}, aggregates are
 * split ({@link AggregateSplitter}) and their parts translated; everything else (commands, data,
 * shared objects) passes up as {@link RawMessage}.
 *
 * <p>Outbound: {@link ControlMessage}s are written on chunk stream {@value
 * #CONTROL_CHUNK_STREAM_ID}, message stream 0, timestamp 0 (section 5.4); audio on chunk stream
 * {@value #AUDIO_CHUNK_STREAM_ID} and video on {@value #VIDEO_CHUNK_STREAM_ID} (the ids ffmpeg
 * uses); {@link RawMessage}s pass through unchanged.
 *
 * <p>After a message fails to decode, later inbound messages are released unread: the connection is
 * about to be closed and nothing after a protocol error is trusted.
 */
public final class RtmpMessageCodec extends MessageToMessageCodec<RawMessage, Object> {

  /** Chunk stream of protocol control messages (RTMP 1.0 section 5.4). */
  public static final int CONTROL_CHUNK_STREAM_ID = 2;

  /** Chunk stream used for outbound audio messages. */
  public static final int AUDIO_CHUNK_STREAM_ID = 4;

  /** Chunk stream used for outbound video messages. */
  public static final int VIDEO_CHUNK_STREAM_ID = 6;

  /** Inbound state; {@link #BAD_MESSAGE} is terminal. */
  enum State {
    DECODING,
    BAD_MESSAGE
  }

  private State state = State.DECODING;

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof ControlMessage || msg instanceof MediaMessage;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, RawMessage raw, List<Object> out) {
    if (state == State.BAD_MESSAGE) {
      // The caller releases the raw message.
      return;
    }
    try {
      translateInto(raw, out);
    } catch (RtmpProtocolException e) {
      state = State.BAD_MESSAGE;
      throw e;
    }
  }

  private static void translateInto(RawMessage raw, List<Object> out) {
    if (raw.typeId() == MessageType.AGGREGATE) {
      List<RawMessage> parts = AggregateSplitter.split(raw);
      try {
        for (RawMessage part : parts) {
          out.add(translate(part));
        }
      } finally {
        parts.forEach(RawMessage::release);
      }
      return;
    }
    out.add(translate(raw));
  }

  /** Typed message for the raw one, or the raw one retained; the raw one is not released. */
  private static Object translate(RawMessage raw) {
    MessageDecoders.MessageDecoder decoder = MessageDecoders.forType(raw.typeId());
    if (decoder == null) {
      return raw.retain();
    }
    try {
      return decoder.decode(raw);
    } catch (IllegalArgumentException e) {
      // A record constructor rejected a value read from the wire.
      throw new RtmpProtocolException(
          "message type " + raw.typeId() + " has a bad value: " + e.getMessage());
    }
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
    if (msg instanceof ControlMessage control) {
      ByteBuf payload = ctx.alloc().buffer(16);
      control.writePayload(payload);
      out.add(new RawMessage(CONTROL_CHUNK_STREAM_ID, control.typeId(), 0, 0, payload));
    } else {
      MediaMessage media = (MediaMessage) msg;
      int csid = media instanceof AudioMessage ? AUDIO_CHUNK_STREAM_ID : VIDEO_CHUNK_STREAM_ID;
      out.add(
          new RawMessage(
              csid, media.typeId(), media.streamId(), media.timestamp(), media.content().retain()));
    }
  }
}
