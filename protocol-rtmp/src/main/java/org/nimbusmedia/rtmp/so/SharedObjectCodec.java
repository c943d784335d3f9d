package org.nimbusmedia.rtmp.so;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfException.Reason;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfUndefined;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Release;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Remove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestRemove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Use;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.UseSuccess;

/**
 * Turns raw shared object messages (types 0x13 and 0x10) into {@link SharedObjectMessage} and back,
 * using the layout of fms4.md section 2. Every length is checked against the bytes that remain and
 * the {@link AmfLimits} before anything is read; bad input raises {@link AmfException}, a decoder
 * exception that closes the connection. Other raw messages pass through. One instance per channel:
 * the AMF coders keep per-message state.
 */
public final class SharedObjectCodec
    extends MessageToMessageCodec<RawMessage, SharedObjectMessage> {

  /** Chunk stream used for outgoing shared object messages. */
  public static final int CHUNK_STREAM_ID = 3;

  /** Default for the most events one message may carry. */
  public static final int DEFAULT_MAX_EVENTS = 4096;

  // name u16 + version u32 + flags u32 + reserved u32
  private static final int HEADER_MIN = 2 + 4 + 4 + 4;
  private static final int EVENT_HEADER = 1 + 4;
  private static final int AMF0_STRING = 0x02;

  private final AmfLimits limits;
  private final int maxEvents;
  private final Amf0Decoder decoder;
  private final Amf0Encoder encoder = new Amf0Encoder();

  /** A codec with {@link #DEFAULT_MAX_EVENTS}. */
  public SharedObjectCodec(AmfLimits limits) {
    this(limits, DEFAULT_MAX_EVENTS);
  }

  /**
   * @param limits AMF limits for names and values
   * @param maxEvents the most events one message may carry
   */
  public SharedObjectCodec(AmfLimits limits, int maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be at least 1, got " + maxEvents);
    }
    this.limits = limits;
    this.maxEvents = maxEvents;
    this.decoder = new Amf0Decoder(limits);
  }

  @Override
  public boolean acceptInboundMessage(Object msg) {
    return msg instanceof RawMessage raw && encodingOf(raw.typeId()) != null;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, RawMessage raw, List<Object> out) {
    out.add(decode(raw.streamId(), encodingOf(raw.typeId()), raw.content().duplicate()));
  }

  /**
   * Decodes one message body. The buffer's reader index moves; the buffer is neither retained nor
   * released.
   */
  public SharedObjectMessage decode(int streamId, ObjectEncoding encoding, ByteBuf in) {
    int start = in.readerIndex();
    if (in.readableBytes() > limits.maxTotalSize()) {
      throw fail(in, start, Reason.LIMIT_EXCEEDED, "message of " + in.readableBytes() + " bytes");
    }
    if (encoding == ObjectEncoding.AMF3) {
      // fms4.md section 2: 0x10 carries one leading byte 0x00 (Red5 also accepts 0x03).
      need(in, start, 1, "AMF3 format byte");
      int format = in.readUnsignedByte();
      if (format != 0x00 && format != 0x03) {
        throw fail(in, start, Reason.MALFORMED, "AMF3 format byte " + format);
      }
    }
    need(in, start, HEADER_MIN, "shared object header");
    String name = readName(in, start, "object name");
    need(in, start, 12, "version, flags and reserved");
    long version = in.readUnsignedInt();
    long flags = in.readUnsignedInt();
    in.skipBytes(4);
    List<SharedObjectEvent> events = new ArrayList<>();
    while (in.isReadable()) {
      if (events.size() >= maxEvents) {
        throw fail(in, start, Reason.LIMIT_EXCEEDED, "more than " + maxEvents + " events");
      }
      need(in, start, EVENT_HEADER, "event header");
      int type = in.readUnsignedByte();
      long length = in.readUnsignedInt();
      need(in, start, length, "event " + type + " data");
      ByteBuf data = in.readSlice((int) length);
      events.add(decodeEvent(type, data, start, in));
    }
    return new SharedObjectMessage(
        streamId,
        encoding,
        name,
        version,
        (flags & SharedObjectMessage.PERSISTENT_FLAG) != 0,
        events);
  }

  private SharedObjectEvent decodeEvent(int type, ByteBuf data, int start, ByteBuf whole) {
    SharedObjectEvent event =
        switch (type) {
          case SharedObjectEvent.USE -> new Use();
          case SharedObjectEvent.RELEASE -> new Release();
          case SharedObjectEvent.REQUEST_CHANGE -> new RequestChange(readProperties(data, start));
          case SharedObjectEvent.CHANGE -> new Change(readProperties(data, start));
          case SharedObjectEvent.SUCCESS -> new Success(readName(data, start, "property name"));
          case SharedObjectEvent.SEND_MESSAGE -> readSend(data, start);
          case SharedObjectEvent.STATUS ->
              new Status(readName(data, start, "status code"), readName(data, start, "level"));
          case SharedObjectEvent.CLEAR -> new Clear();
          case SharedObjectEvent.REMOVE -> new Remove(readName(data, start, "property name"));
          case SharedObjectEvent.REQUEST_REMOVE ->
              new RequestRemove(readName(data, start, "property name"));
          case SharedObjectEvent.USE_SUCCESS -> new UseSuccess();
          default -> throw fail(whole, start, Reason.MALFORMED, "unknown event type " + type);
        };
    if (data.isReadable()) {
      throw fail(
          data, start, Reason.MALFORMED, data.readableBytes() + " bytes left in event " + type);
    }
    return event;
  }

  private List<Property> readProperties(ByteBuf data, int start) {
    List<Property> properties = new ArrayList<>();
    decoder.startMessage(data);
    while (data.isReadable()) {
      if (properties.size() >= limits.maxElements()) {
        throw fail(data, start, Reason.LIMIT_EXCEEDED, "too many properties in one event");
      }
      String key = readName(data, start, "property name");
      properties.add(new Property(key, decoder.decode(data)));
    }
    return properties;
  }

  private SharedObjectEvent readSend(ByteBuf data, int start) {
    decoder.startMessage(data);
    // The handler is an AMF0 string with its marker; arguments follow as values.
    Object handler = decoder.decode(data);
    if (!(handler instanceof String name)) {
      throw fail(data, start, Reason.MALFORMED, "send message without a handler name");
    }
    List<Object> arguments = new ArrayList<>();
    while (data.isReadable()) {
      arguments.add(decoder.decode(data));
    }
    return new SendMessage(name, arguments);
  }

  private String readName(ByteBuf in, int start, String what) {
    need(in, start, 2, what + " length");
    int length = in.readUnsignedShort();
    if (length > limits.maxStringLength()) {
      throw fail(in, start, Reason.LIMIT_EXCEEDED, what + " of " + length + " bytes");
    }
    need(in, start, length, what);
    String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    return s;
  }

  private static void need(ByteBuf in, int start, long n, String what) {
    if (n > in.readableBytes()) {
      throw fail(
          in,
          start,
          Reason.TRUNCATED,
          what + " needs " + n + " bytes, " + in.readableBytes() + " left");
    }
  }

  private static AmfException fail(ByteBuf in, int start, Reason reason, String detail) {
    return new AmfException(reason, (long) in.readerIndex() - start, detail);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, SharedObjectMessage msg, List<Object> out) {
    ByteBuf payload = ctx.alloc().buffer(128);
    try {
      encode(msg, payload);
      int type =
          msg.encoding() == ObjectEncoding.AMF3
              ? MessageType.SHARED_OBJECT_AMF3
              : MessageType.SHARED_OBJECT_AMF0;
      out.add(new RawMessage(CHUNK_STREAM_ID, type, msg.streamId(), 0, payload));
    } catch (RuntimeException e) {
      payload.release();
      throw e;
    }
  }

  /** Writes one message body to {@code out}. */
  public void encode(SharedObjectMessage msg, ByteBuf out) {
    encoder.reset();
    if (msg.encoding() == ObjectEncoding.AMF3) {
      out.writeByte(0x00);
    }
    writeName(msg.name(), out);
    out.writeInt((int) msg.version());
    out.writeInt(msg.persistent() ? SharedObjectMessage.PERSISTENT_FLAG : 0);
    out.writeInt(0);
    for (SharedObjectEvent event : msg.events()) {
      out.writeByte(event.type());
      int lengthAt = out.writerIndex();
      out.writeInt(0);
      int dataAt = out.writerIndex();
      writeEventData(event, msg.encoding(), out);
      out.setInt(lengthAt, out.writerIndex() - dataAt);
    }
  }

  private void writeEventData(SharedObjectEvent event, ObjectEncoding encoding, ByteBuf out) {
    if (event instanceof RequestChange e) {
      writeProperties(e.properties(), encoding, out);
    } else if (event instanceof Change e) {
      writeProperties(e.properties(), encoding, out);
    } else if (event instanceof Success e) {
      writeName(e.name(), out);
    } else if (event instanceof SendMessage e) {
      encoder.reset();
      out.writeByte(AMF0_STRING);
      writeName(e.handler(), out);
      for (Object argument : e.arguments()) {
        writeValue(argument, encoding, out);
      }
    } else if (event instanceof Status e) {
      writeName(e.code(), out);
      writeName(e.level(), out);
    } else if (event instanceof Remove e) {
      writeName(e.name(), out);
    } else if (event instanceof RequestRemove e) {
      writeName(e.name(), out);
    }
    // Use, Release, Clear and UseSuccess carry no data.
  }

  private void writeProperties(List<Property> properties, ObjectEncoding encoding, ByteBuf out) {
    encoder.reset();
    for (Property property : properties) {
      writeName(property.name(), out);
      writeValue(property.value(), encoding, out);
    }
  }

  private void writeValue(Object value, ObjectEncoding encoding, ByteBuf out) {
    // fms4.md section 2: in 0x10 only values may be AMF3; primitives stay AMF0 like commands.
    if (encoding == ObjectEncoding.AMF3 && !isPrimitive(value)) {
      encoder.encodeAvmplus(value, out);
    } else {
      encoder.encode(value, out);
    }
  }

  private static boolean isPrimitive(Object value) {
    return value == null
        || value instanceof AmfUndefined
        || value instanceof Boolean
        || value instanceof Number
        || value instanceof String;
  }

  private static void writeName(String name, ByteBuf out) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xFFFF) {
      throw new IllegalArgumentException("name longer than 65535 bytes: " + bytes.length);
    }
    out.writeShort(bytes.length);
    out.writeBytes(bytes);
  }

  private static ObjectEncoding encodingOf(int typeId) {
    return switch (typeId) {
      case MessageType.SHARED_OBJECT_AMF0 -> ObjectEncoding.AMF0;
      case MessageType.SHARED_OBJECT_AMF3 -> ObjectEncoding.AMF3;
      default -> null;
    };
  }
}
