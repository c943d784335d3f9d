package org.nimbusmedia.rtmp.command;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;
import org.nimbusmedia.rtmp.message.MessageType;

/**
 * Turns raw command and data messages into {@link Command} and {@link DataMessage} and back. Sits
 * after the message codec; other raw messages (shared objects) pass through untouched. Malformed
 * AMF raises {@link org.nimbusmedia.rtmp.amf.AmfException}, a decoder exception that closes the
 * connection. One instance per channel: the AMF coders keep per-message state.
 */
public final class CommandCodec extends MessageToMessageCodec<RawMessage, Object> {
  /** Chunk stream of NetConnection commands (what FMS uses for connect replies). */
  public static final int COMMAND_CHUNK_STREAM_ID = 3;

  /** Chunk stream of NetStream commands and data messages. */
  public static final int STREAM_CHUNK_STREAM_ID = 5;

  private final Amf0Decoder decoder;
  private final Amf0Encoder encoder = new Amf0Encoder();

  public CommandCodec(AmfLimits limits) {
    this.decoder = new Amf0Decoder(limits);
  }

  @Override
  public boolean acceptInboundMessage(Object msg) {
    return msg instanceof RawMessage raw && encodingOf(raw.typeId()) != null;
  }

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof Command || msg instanceof DataMessage;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, RawMessage raw, List<Object> out) {
    ObjectEncoding encoding = encodingOf(raw.typeId());
    List<Object> values = decoder.decodeAll(raw.content().duplicate(), encoding);
    if (isCommand(raw.typeId())) {
      out.add(toCommand(raw.streamId(), values, encoding));
    } else {
      out.add(new DataMessage(raw.streamId(), raw.timestamp(), values, encoding));
    }
  }

  private static Command toCommand(int streamId, List<Object> values, ObjectEncoding encoding) {
    if (values.isEmpty() || !(values.get(0) instanceof String name)) {
      throw new RtmpProtocolException("command message does not start with a command name");
    }
    double transactionId =
        values.size() > 1 && values.get(1) instanceof Number n ? n.doubleValue() : 0;
    Object commandObject = values.size() > 2 ? values.get(2) : null;
    List<Object> arguments = values.size() > 3 ? values.subList(3, values.size()) : List.of();
    return new Command(streamId, name, transactionId, commandObject, arguments, encoding);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
    ByteBuf payload = ctx.alloc().buffer(256);
    try {
      if (msg instanceof Command command) {
        List<Object> values = new ArrayList<>(3 + command.arguments().size());
        values.add(command.name());
        values.add(command.transactionId());
        values.add(command.commandObject());
        values.addAll(command.arguments());
        encoder.encodeAll(values, command.encoding(), payload);
        int type =
            command.encoding() == ObjectEncoding.AMF3
                ? MessageType.COMMAND_AMF3
                : MessageType.COMMAND_AMF0;
        int csid = command.streamId() == 0 ? COMMAND_CHUNK_STREAM_ID : STREAM_CHUNK_STREAM_ID;
        out.add(new RawMessage(csid, type, command.streamId(), 0, payload));
      } else {
        DataMessage data = (DataMessage) msg;
        encoder.encodeAll(data.values(), data.encoding(), payload);
        int type =
            data.encoding() == ObjectEncoding.AMF3 ? MessageType.DATA_AMF3 : MessageType.DATA_AMF0;
        out.add(
            new RawMessage(
                STREAM_CHUNK_STREAM_ID, type, data.streamId(), data.timestamp(), payload));
      }
    } catch (RuntimeException e) {
      payload.release();
      throw e;
    }
  }

  private static ObjectEncoding encodingOf(int typeId) {
    return switch (typeId) {
      case MessageType.COMMAND_AMF0, MessageType.DATA_AMF0 -> ObjectEncoding.AMF0;
      case MessageType.COMMAND_AMF3, MessageType.DATA_AMF3 -> ObjectEncoding.AMF3;
      default -> null;
    };
  }

  private static boolean isCommand(int typeId) {
    return typeId == MessageType.COMMAND_AMF0 || typeId == MessageType.COMMAND_AMF3;
  }
}
