package org.nimbusmedia.rtmfp.flash;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;

/**
 * AMF commands on flows (RFC 7425 section 5.3): a {@link Command} becomes a flow message of type
 * 0x14 (AMF0) or 0x11 (AMF3, payload beginning with {@code 00}), and back. Uses the AMF coders of
 * {@code protocol-rtmp}. Not thread-safe: one instance per session.
 */
public final class FlowCommands {
  private final Amf0Decoder decoder;
  private final Amf0Encoder encoder = new Amf0Encoder();

  /**
   * @param limits AMF decoding bounds
   */
  public FlowCommands(AmfLimits limits) {
    this.decoder = new Amf0Decoder(limits);
  }

  /** Whether the flow message is an AMF command. */
  public static boolean isCommand(FlowMessage message) {
    return message.type() == MessageType.COMMAND_AMF0 || message.type() == MessageType.COMMAND_AMF3;
  }

  /** Encodes a command. */
  public FlowMessage encode(Command command) {
    List<Object> values = new ArrayList<>(3 + command.arguments().size());
    values.add(command.name());
    values.add(command.transactionId());
    values.add(command.commandObject());
    values.addAll(command.arguments());
    ByteBuf out = Unpooled.buffer(256);
    try {
      boolean amf3 = command.encoding() == ObjectEncoding.AMF3;
      encoder.encodeAll(values, command.encoding(), out);
      int type = amf3 ? MessageType.COMMAND_AMF3 : MessageType.COMMAND_AMF0;
      return new FlowMessage(type, 0, ByteBufUtil.getBytes(out));
    } finally {
      out.release();
    }
  }

  /** Encodes an AMF0 data message (type 0x12): the handler name, then the values. */
  public FlowMessage encodeData(String name, Object... values) {
    List<Object> all = new ArrayList<>(1 + values.length);
    all.add(name);
    all.addAll(Arrays.asList(values));
    ByteBuf out = Unpooled.buffer(64);
    try {
      encoder.encodeAll(all, ObjectEncoding.AMF0, out);
      return new FlowMessage(MessageType.DATA_AMF0, 0, ByteBufUtil.getBytes(out));
    } finally {
      out.release();
    }
  }

  /**
   * Decodes a command flow message.
   *
   * @param streamId the stream id from the flow's metadata
   * @throws org.nimbusmedia.rtmp.amf.AmfException when the AMF is malformed or too large
   */
  public Command decode(FlowMessage message, int streamId) {
    ObjectEncoding encoding =
        message.type() == MessageType.COMMAND_AMF3 ? ObjectEncoding.AMF3 : ObjectEncoding.AMF0;
    ByteBuf in = Unpooled.wrappedBuffer(message.payload());
    try {
      List<Object> values = decoder.decodeAll(in, encoding);
      if (values.isEmpty() || !(values.get(0) instanceof String name)) {
        throw new IllegalArgumentException("command does not start with a name");
      }
      double tx = values.size() > 1 && values.get(1) instanceof Number n ? n.doubleValue() : 0;
      Object commandObject = values.size() > 2 ? values.get(2) : null;
      List<Object> args = values.size() > 3 ? values.subList(3, values.size()) : List.of();
      return new Command(streamId, name, tx, commandObject, args, encoding);
    } finally {
      in.release();
    }
  }
}
