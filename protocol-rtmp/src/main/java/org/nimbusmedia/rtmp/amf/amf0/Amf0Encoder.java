package org.nimbusmedia.rtmp.amf.amf0;

import static org.nimbusmedia.rtmp.amf.amf0.Amf0Markers.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nimbusmedia.rtmp.amf.AmfArrayCollection;
import org.nimbusmedia.rtmp.amf.AmfByteArray;
import org.nimbusmedia.rtmp.amf.AmfDate;
import org.nimbusmedia.rtmp.amf.AmfDictionary;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.AmfObjectProxy;
import org.nimbusmedia.rtmp.amf.AmfUndefined;
import org.nimbusmedia.rtmp.amf.AmfUnsupported;
import org.nimbusmedia.rtmp.amf.AmfVector;
import org.nimbusmedia.rtmp.amf.AmfXml;
import org.nimbusmedia.rtmp.amf.AmfXmlDocument;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Encoder;

/**
 * Writes AMF0 values (AMF0 spec section 2) to a {@link ByteBuf}.
 *
 * <p>A value seen before in the message (same instance: object, typed object, ECMA or strict array)
 * is written as a reference (section 2.9), as Flash Player does. Values that only AMF3 can carry
 * (byte arrays, vectors, dictionaries, E4X XML, Flex externalizables) are written through the AVM+
 * marker (section 3.1). One instance holds the tables of one message; {@code encodeAll} starts a
 * new message. A cycle or a value with no AMF form raises {@link IllegalArgumentException}, leaving
 * partial output. Not thread-safe.
 */
public final class Amf0Encoder {
  private static final int INITIAL_OBJECTS = 4;

  // Sized for the few objects of a typical command; the tables grow for a larger message. Every
  // connection holds several encoders, so their empty size counts (IdentityHashMap's default table
  // has 64 slots).
  private final Map<Object, Integer> references = new IdentityHashMap<>(INITIAL_OBJECTS);
  private final Set<Object> inProgress =
      Collections.newSetFromMap(new IdentityHashMap<>(INITIAL_OBJECTS));
  // Made on the first AVM+ value, which most connections never send.
  private Amf3Encoder amf3;
  private int nextReference;

  /** Empties the reference tables: the next value starts a new message. */
  public void reset() {
    references.clear();
    inProgress.clear();
    nextReference = 0;
    if (amf3 != null) {
      amf3.reset();
    }
  }

  /** Writes {@code values} as one AMF0 message body, starting with empty reference tables. */
  public void encodeAll(List<?> values, ByteBuf out) {
    encodeAll(values, ObjectEncoding.AMF0, out);
  }

  /**
   * Writes {@code values} as one message body in the given object encoding. With {@link
   * ObjectEncoding#AMF3} the body is that of an RTMP AMF3 command (type 0x11) or data (type 0x0F)
   * message: a format byte 0x00, then the values, primitives (null, undefined, booleans, numbers,
   * strings) in AMF0 and every other value in AMF3 behind the AVM+ marker, as FMS answers a client
   * that connected with {@code objectEncoding} 3.
   */
  public void encodeAll(List<?> values, ObjectEncoding encoding, ByteBuf out) {
    reset();
    if (encoding == ObjectEncoding.AMF3) {
      out.writeByte(0x00);
    }
    for (Object value : values) {
      if (encoding == ObjectEncoding.AMF3 && !isPrimitive(value)) {
        encodeAvmplus(value, out);
      } else {
        encode(value, out);
      }
    }
  }

  private static boolean isPrimitive(Object value) {
    return value == null
        || value instanceof AmfUndefined
        || value instanceof Boolean
        || value instanceof Number
        || value instanceof String;
  }

  /** Writes one value in AMF3 behind the AVM+ marker, continuing the message's AMF3 tables. */
  public void encodeAvmplus(Object value, ByteBuf out) {
    out.writeByte(AVMPLUS);
    if (amf3 == null) {
      amf3 = new Amf3Encoder();
    }
    amf3.encode(value, out);
  }

  /** Writes one value, continuing the current message's reference table. */
  public void encode(Object value, ByteBuf out) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof AmfUndefined) {
      out.writeByte(UNDEFINED);
    } else if (value instanceof AmfUnsupported) {
      out.writeByte(UNSUPPORTED);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeByte(b ? 1 : 0);
    } else if (value instanceof Number n) {
      out.writeByte(NUMBER);
      out.writeDouble(n.doubleValue());
    } else if (value instanceof String s) {
      writeStringValue(out, s);
    } else if (value instanceof AmfDate date) {
      out.writeByte(DATE);
      out.writeDouble(date.millis());
      out.writeShort(date.timeZone());
    } else if (value instanceof AmfXmlDocument xml) {
      out.writeByte(XML_DOCUMENT);
      writeLongUtf8(out, xml.xml());
    } else if (isAmf3Only(value)) {
      encodeAvmplus(value, out);
    } else if (value instanceof Map || value instanceof List) {
      encodeComplex(value, out);
    } else {
      throw new IllegalArgumentException("no AMF0 encoding for " + value.getClass().getName());
    }
  }

  private static boolean isAmf3Only(Object value) {
    return value instanceof AmfXml
        || value instanceof AmfByteArray
        || value instanceof AmfVector
        || value instanceof AmfDictionary
        || value instanceof AmfArrayCollection
        || value instanceof AmfObjectProxy;
  }

  /** 2.4, 2.14: a U16 length when it fits, otherwise the long-string marker and a U32 length. */
  private static void writeStringValue(ByteBuf out, String s) {
    int length = ByteBufUtil.utf8Bytes(s);
    if (length <= U16_MAX) {
      out.writeByte(STRING);
      out.writeShort(length);
      ByteBufUtil.writeUtf8(out, s);
    } else {
      out.writeByte(LONG_STRING);
      out.writeInt(length);
      ByteBufUtil.writeUtf8(out, s);
    }
  }

  private static void writeUtf8(ByteBuf out, String s) {
    int length = ByteBufUtil.utf8Bytes(s);
    if (length > U16_MAX) {
      throw new IllegalArgumentException("name longer than 65535 UTF-8 bytes");
    }
    out.writeShort(length);
    ByteBufUtil.writeUtf8(out, s);
  }

  private static void writeLongUtf8(ByteBuf out, String s) {
    out.writeInt(ByteBufUtil.utf8Bytes(s));
    ByteBufUtil.writeUtf8(out, s);
  }

  private void encodeComplex(Object value, ByteBuf out) {
    if (inProgress.contains(value)) {
      throw new IllegalArgumentException(
          "value graph has a cycle through " + value.getClass().getName());
    }
    Integer index = references.get(value);
    if (index != null) {
      // 2.9: a U16 index into the table of complex values sent so far.
      out.writeByte(REFERENCE);
      out.writeShort(index);
      return;
    }
    // Every complex value takes a table slot; a U16 cannot address those past 65535.
    int next = nextReference++;
    if (next <= U16_MAX) {
      references.put(value, next);
    }
    inProgress.add(value);
    if (value instanceof AmfEcmaArray array) {
      // 2.10: the dense part, if any, goes first under its index names.
      out.writeByte(ECMA_ARRAY);
      out.writeInt(array.size() + array.dense().size());
      for (int i = 0; i < array.dense().size(); i++) {
        writeUtf8(out, Integer.toString(i));
        encode(array.dense().get(i), out);
      }
      writeMembers(out, array);
    } else if (value instanceof List<?> list) {
      out.writeByte(STRICT_ARRAY);
      out.writeInt(list.size());
      for (Object element : list) {
        encode(element, out);
      }
    } else {
      @SuppressWarnings("unchecked")
      Map<String, Object> members = (Map<String, Object>) value;
      if (members instanceof AmfObject object && !object.isAnonymous()) {
        out.writeByte(TYPED_OBJECT);
        writeUtf8(out, object.className());
      } else {
        out.writeByte(OBJECT);
      }
      writeMembers(out, members);
    }
    inProgress.remove(value);
  }

  private void writeMembers(ByteBuf out, Map<String, Object> members) {
    for (Map.Entry<String, Object> e : members.entrySet()) {
      writeUtf8(out, e.getKey());
      encode(e.getValue(), out);
    }
    // 2.11: an empty name and the object-end marker.
    out.writeShort(0);
    out.writeByte(OBJECT_END);
  }
}
