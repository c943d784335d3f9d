package org.nimbusmedia.rtmp.amf.amf0;

import static org.nimbusmedia.rtmp.amf.amf0.Amf0Markers.*;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmp.amf.AmfDate;
import org.nimbusmedia.rtmp.amf.AmfDecodeContext;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfException.Reason;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.AmfUndefined;
import org.nimbusmedia.rtmp.amf.AmfUnsupported;
import org.nimbusmedia.rtmp.amf.AmfXmlDocument;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Decoder;

/**
 * Reads AMF0 values (AMF0 spec section 2) from a {@link ByteBuf}, switching to AMF3 for a value
 * that starts with the AVM+ marker (AMF0 spec section 3.1).
 *
 * <p>One instance holds the reference tables of one message: the AMF0 table (section 2.9) and the
 * AMF3 tables, which all AVM+ values of the message share. {@link #decodeAll(ByteBuf)} starts a new
 * message. Every count and length is checked against the bytes that remain and the {@link
 * AmfLimits} before anything is allocated; bad input raises {@link AmfException}. The decoder never
 * retains or releases the buffer. Not thread-safe.
 */
public final class Amf0Decoder {

  private final AmfDecodeContext context;
  private final Amf3Decoder amf3;
  private final List<Object> references = new ArrayList<>();
  // Reference-table entries whose members are still being read; a reference to one is a cycle.
  private final BitSet pending = new BitSet();

  /** A decoder with {@link AmfLimits#DEFAULT}. */
  public Amf0Decoder() {
    this(AmfLimits.DEFAULT);
  }

  /** A decoder enforcing {@code limits}. */
  public Amf0Decoder(AmfLimits limits) {
    this.context = new AmfDecodeContext(limits);
    this.amf3 = new Amf3Decoder(context);
  }

  /**
   * Decodes a message body: every value from the reader index to the writer index, the reference
   * tables starting empty. This is the body of an RTMP AMF0 command (type 0x14) or data (type 0x12)
   * message.
   */
  public List<Object> decodeAll(ByteBuf in) {
    startMessage(in);
    return decodeRest(in);
  }

  /**
   * Decodes a message body in the given object encoding. With {@link ObjectEncoding#AMF3}, the body
   * is that of an RTMP AMF3 command (type 0x11) or data (type 0x0F) message: a format byte 0x00,
   * skipped when present, then AMF0 values that may switch to AMF3.
   */
  public List<Object> decodeAll(ByteBuf in, ObjectEncoding encoding) {
    startMessage(in);
    if (encoding == ObjectEncoding.AMF3
        && in.isReadable()
        && in.getUnsignedByte(in.readerIndex()) == 0x00) {
      in.skipBytes(1);
    }
    return decodeRest(in);
  }

  private List<Object> decodeRest(ByteBuf in) {
    List<Object> values = new ArrayList<>();
    while (in.isReadable()) {
      values.add(decode(in));
    }
    return values;
  }

  /** Starts a new message at the reader index of {@code in}: empties the reference tables. */
  public void startMessage(ByteBuf in) {
    references.clear();
    pending.clear();
    amf3.reset();
    context.begin(in);
  }

  /** Whether the next value in {@code in} is an AMF3 value behind the AVM+ marker. */
  public static boolean isAvmplus(ByteBuf in) {
    return in.isReadable() && in.getUnsignedByte(in.readerIndex()) == AVMPLUS;
  }

  /** Decodes one value, continuing the current message's reference tables. */
  public Object decode(ByteBuf in) {
    int at = in.readerIndex();
    context.need(in, 1, "type marker");
    int marker = in.readUnsignedByte();
    if (marker == AVMPLUS) {
      // 3.1: the value that follows is AMF3; it counts against the budget there.
      return amf3.decode(in);
    }
    context.countElement(in);
    return switch (marker) {
      case NUMBER -> readDouble(in);
      case BOOLEAN -> {
        context.need(in, 1, "boolean");
        yield in.readUnsignedByte() != 0;
      }
      case STRING -> readUtf8(in);
      case OBJECT -> readObject(in, new AmfObject());
      case NULL -> null;
      case UNDEFINED -> AmfUndefined.INSTANCE;
      case REFERENCE -> readReference(in, at);
      case ECMA_ARRAY -> readEcmaArray(in);
      case STRICT_ARRAY -> readStrictArray(in);
      case DATE -> readDate(in);
      case LONG_STRING -> readLongUtf8(in, "long string");
      case UNSUPPORTED -> AmfUnsupported.INSTANCE;
      case XML_DOCUMENT -> new AmfXmlDocument(readLongUtf8(in, "XML document"));
      case TYPED_OBJECT -> readObject(in, new AmfObject(readUtf8(in)));
      case MOVIECLIP, RECORDSET ->
          throw context.failAt(
              at,
              Reason.UNSUPPORTED_MARKER,
              String.format("AMF0 marker 0x%02X is reserved and not supported", marker));
      case OBJECT_END ->
          throw context.failAt(at, Reason.MALFORMED, "object-end marker outside an object");
      default ->
          throw context.failAt(
              at, Reason.UNKNOWN_MARKER, String.format("AMF0 type marker 0x%02X", marker));
    };
  }

  private double readDouble(ByteBuf in) {
    context.need(in, 8, "number");
    return in.readDouble();
  }

  /** 1.3.1: UTF-8 with a U16 length. */
  private String readUtf8(ByteBuf in) {
    context.need(in, 2, "string length");
    int length = context.checkLength(in, in.readUnsignedShort(), "string");
    return readText(in, length);
  }

  /** 2.14, 2.17: UTF-8 with a U32 length. */
  private String readLongUtf8(ByteBuf in, String what) {
    context.need(in, 4, what + " length");
    int length = context.checkLength(in, in.readUnsignedInt(), what);
    return readText(in, length);
  }

  private static String readText(ByteBuf in, int length) {
    String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    return text;
  }

  private int reserve() {
    references.add(null);
    int index = references.size() - 1;
    pending.set(index);
    return index;
  }

  private <T> T complete(int index, T value) {
    references.set(index, value);
    pending.clear(index);
    return value;
  }

  /** 2.9: a U16 index into the table of objects, typed objects, ECMA and strict arrays. */
  private Object readReference(ByteBuf in, int at) {
    context.need(in, 2, "reference");
    int index = in.readUnsignedShort();
    if (index >= references.size()) {
      throw context.failAt(
          at, Reason.BAD_REFERENCE, "reference " + index + ", table holds " + references.size());
    }
    if (pending.get(index)) {
      throw context.failAt(
          at, Reason.CYCLE, "reference " + index + " to a value still being decoded");
    }
    return references.get(index);
  }

  /** 2.5, 2.18: name/value pairs ended by an empty name and the object-end marker (2.11). */
  private AmfObject readObject(ByteBuf in, AmfObject object) {
    int index = reserve();
    readMembers(in, object);
    return complete(index, object);
  }

  private void readMembers(ByteBuf in, Map<String, Object> members) {
    context.enter(in);
    while (true) {
      String key = readUtf8(in);
      if (key.isEmpty()) {
        context.need(in, 1, "object-end marker");
        if (in.getUnsignedByte(in.readerIndex()) == OBJECT_END) {
          in.skipBytes(1);
          break;
        }
      }
      members.put(key, decode(in));
    }
    context.exit();
  }

  /**
   * 2.10: a U32 associative count, then members as in an object. The count is only a hint (some
   * encoders write 0), so it is read and otherwise ignored: nothing is allocated from it.
   */
  private AmfEcmaArray readEcmaArray(ByteBuf in) {
    context.need(in, 4, "ECMA array count");
    in.skipBytes(4);
    int index = reserve();
    AmfEcmaArray array = new AmfEcmaArray();
    readMembers(in, array);
    return complete(index, array);
  }

  /** 2.12: a U32 count then that many values. */
  private List<Object> readStrictArray(ByteBuf in) {
    context.need(in, 4, "strict array count");
    int count = context.checkCount(in, in.readUnsignedInt(), 1, "strict array");
    int index = reserve();
    context.enter(in);
    List<Object> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(decode(in));
    }
    context.exit();
    return complete(index, list);
  }

  /** 2.13: milliseconds as a double, then a reserved S16 time zone. */
  private AmfDate readDate(ByteBuf in) {
    context.need(in, 10, "date");
    return new AmfDate(in.readDouble(), in.readShort());
  }
}
