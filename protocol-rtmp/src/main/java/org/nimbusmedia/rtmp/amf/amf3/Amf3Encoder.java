package org.nimbusmedia.rtmp.amf.amf3;

import static org.nimbusmedia.rtmp.amf.amf3.Amf3Markers.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
import org.nimbusmedia.rtmp.amf.AmfTraits;
import org.nimbusmedia.rtmp.amf.AmfUndefined;
import org.nimbusmedia.rtmp.amf.AmfUnsupported;
import org.nimbusmedia.rtmp.amf.AmfVector;
import org.nimbusmedia.rtmp.amf.AmfXml;
import org.nimbusmedia.rtmp.amf.AmfXmlDocument;

/**
 * Writes AMF3 values (AMF3 spec section 3) to a {@link ByteBuf}.
 *
 * <p>Like Flash Player, the encoder sends a repeated string, object or set of traits by reference
 * to the first occurrence in the message: strings by value, objects by identity, traits by {@link
 * AmfTraits} equality. One instance holds the tables of one message; {@link #encodeAll(List,
 * ByteBuf)} starts a new message. A value graph with a cycle, or a value with no AMF3 form, is a
 * programming error and raises {@link IllegalArgumentException}. Not thread-safe.
 */
public final class Amf3Encoder {
  private static final int INITIAL_OBJECTS = 4;

  private static final AmfTraits ARRAY_COLLECTION =
      new AmfTraits(AmfArrayCollection.CLASS_NAME, false, true, List.of());
  private static final AmfTraits OBJECT_PROXY =
      new AmfTraits(AmfObjectProxy.CLASS_NAME, false, true, List.of());

  private final Map<String, Integer> strings = new HashMap<>();
  // IdentityHashMap's default table has 64 slots; a message seldom holds more than a few objects.
  private final Map<Object, Integer> objects = new IdentityHashMap<>(INITIAL_OBJECTS);
  private final Map<AmfTraits, Integer> traits = new HashMap<>();
  private final Set<Object> inProgress =
      Collections.newSetFromMap(new IdentityHashMap<>(INITIAL_OBJECTS));

  /** Empties the reference tables: the next value starts a new message. */
  public void reset() {
    strings.clear();
    objects.clear();
    traits.clear();
    inProgress.clear();
  }

  /** Writes {@code values} as one message, starting with empty reference tables. */
  public void encodeAll(List<?> values, ByteBuf out) {
    reset();
    for (Object value : values) {
      encode(value, out);
    }
  }

  /** Writes one value, continuing the current message's reference tables. */
  public void encode(Object value, ByteBuf out) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof AmfUndefined || value instanceof AmfUnsupported) {
      // AMF3 has no "unsupported" marker; undefined is what Flash Player reads for it.
      out.writeByte(UNDEFINED);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Integer i && i >= INT_MIN && i <= INT_MAX) {
      out.writeByte(INTEGER);
      writeU29(out, i & U29_MAX);
    } else if (value instanceof Number n) {
      // 3.6: integers outside 29 bits are sent as doubles, as Flash Player does.
      out.writeByte(DOUBLE);
      out.writeDouble(n.doubleValue());
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else {
      encodeReferenceable(value, out);
    }
  }

  private void encodeReferenceable(Object value, ByteBuf out) {
    int marker = markerOf(value);
    out.writeByte(marker);
    Integer index = objects.get(value);
    if (index != null) {
      if (inProgress.contains(value)) {
        throw new IllegalArgumentException("value graph has a cycle through " + describe(value));
      }
      writeU29(out, index << 1);
      return;
    }
    objects.put(value, objects.size());
    inProgress.add(value);
    switch (marker) {
      case XML_DOC -> writeUtf8Value(out, ((AmfXmlDocument) value).xml());
      case XML -> writeUtf8Value(out, ((AmfXml) value).xml());
      case DATE -> {
        writeU29(out, 1);
        out.writeDouble(((AmfDate) value).millis());
      }
      case ARRAY -> writeArray(out, value);
      case OBJECT -> writeObject(out, value);
      case BYTE_ARRAY -> {
        byte[] bytes = ((AmfByteArray) value).toByteArray();
        writeU29(out, lengthHeader(bytes.length));
        out.writeBytes(bytes);
      }
      case DICTIONARY -> {
        AmfDictionary dictionary = (AmfDictionary) value;
        writeU29(out, lengthHeader(dictionary.size()));
        out.writeByte(dictionary.weakKeys() ? 1 : 0);
        for (Map.Entry<Object, Object> e : dictionary.entrySet()) {
          encode(e.getKey(), out);
          encode(e.getValue(), out);
        }
      }
      default -> writeVector(out, (AmfVector) value);
    }
    inProgress.remove(value);
  }

  private static int markerOf(Object value) {
    if (value instanceof AmfXmlDocument) {
      return XML_DOC;
    } else if (value instanceof AmfXml) {
      return XML;
    } else if (value instanceof AmfDate) {
      return DATE;
    } else if (value instanceof AmfByteArray) {
      return BYTE_ARRAY;
    } else if (value instanceof AmfDictionary) {
      return DICTIONARY;
    } else if (value instanceof AmfVector vector) {
      return switch (vector.type()) {
        case INT -> VECTOR_INT;
        case UINT -> VECTOR_UINT;
        case DOUBLE -> VECTOR_DOUBLE;
        case OBJECT -> VECTOR_OBJECT;
      };
    } else if (value instanceof AmfArrayCollection || value instanceof AmfObjectProxy) {
      return OBJECT;
    } else if (value instanceof AmfEcmaArray || value instanceof List) {
      return ARRAY;
    } else if (value instanceof Map) {
      return OBJECT;
    }
    throw new IllegalArgumentException("no AMF3 encoding for " + describe(value));
  }

  private static String describe(Object value) {
    return value.getClass().getName();
  }

  /** 3.11: dense count, associative pairs ended by the empty string, dense values. */
  private void writeArray(ByteBuf out, Object value) {
    if (value instanceof AmfEcmaArray array) {
      writeU29(out, lengthHeader(array.dense().size()));
      for (Map.Entry<String, Object> e : array.entrySet()) {
        writeMemberName(out, e.getKey());
        encode(e.getValue(), out);
      }
      writeString(out, "");
      for (Object element : array.dense()) {
        encode(element, out);
      }
    } else {
      List<?> list = (List<?>) value;
      writeU29(out, lengthHeader(list.size()));
      writeString(out, "");
      for (Object element : list) {
        encode(element, out);
      }
    }
  }

  /** 3.12: traits (inline or by reference), sealed values, then dynamic members. */
  private void writeObject(ByteBuf out, Object value) {
    if (value instanceof AmfArrayCollection collection) {
      writeTraits(out, ARRAY_COLLECTION);
      // A fresh list: the source array is an object of its own in the table, as when decoded.
      encode(new ArrayList<>(collection), out);
      return;
    }
    if (value instanceof AmfObjectProxy proxy) {
      writeTraits(out, OBJECT_PROXY);
      encode(proxy.target(), out);
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) value;
    AmfTraits objectTraits = traitsOf(members);
    writeTraits(out, objectTraits);
    for (String name : objectTraits.sealedNames()) {
      encode(members.containsKey(name) ? members.get(name) : AmfUndefined.INSTANCE, out);
    }
    Set<String> sealed = new HashSet<>(objectTraits.sealedNames());
    if (objectTraits.dynamic()) {
      for (Map.Entry<String, Object> e : members.entrySet()) {
        if (!sealed.contains(e.getKey())) {
          writeMemberName(out, e.getKey());
          encode(e.getValue(), out);
        }
      }
      writeString(out, "");
    } else if (!sealed.containsAll(members.keySet())) {
      throw new IllegalArgumentException(
          "members " + members.keySet() + " do not fit sealed traits " + objectTraits);
    }
  }

  private static AmfTraits traitsOf(Map<String, Object> members) {
    if (members instanceof AmfObject object) {
      if (object.traits() != null) {
        return object.traits();
      }
      if (!object.isAnonymous()) {
        // A registered class: every member is sealed, as Flash Player writes a plain AS3 class.
        return new AmfTraits(object.className(), false, false, List.copyOf(object.keySet()));
      }
    }
    return AmfTraits.ANONYMOUS;
  }

  private void writeTraits(ByteBuf out, AmfTraits objectTraits) {
    Integer index = traits.get(objectTraits);
    if (index != null) {
      // U29O-traits-ref.
      writeU29(out, (index << 2) | 0b01);
      return;
    }
    traits.put(objectTraits, traits.size());
    if (objectTraits.externalizable()) {
      writeU29(out, 0b0111);
      writeString(out, objectTraits.className());
      return;
    }
    int sealedCount = objectTraits.sealedNames().size();
    writeU29(out, (sealedCount << 4) | (objectTraits.dynamic() ? 0b1000 : 0) | 0b011);
    writeString(out, objectTraits.className());
    for (String name : objectTraits.sealedNames()) {
      writeString(out, name);
    }
  }

  private void writeMemberName(ByteBuf out, String name) {
    if (name.isEmpty()) {
      // The empty string ends the member list, so it cannot be a name (AMF3 spec 3.11, 3.12).
      throw new IllegalArgumentException("AMF3 cannot encode a member named \"\"");
    }
    writeString(out, name);
  }

  /** 3.15: count, fixed flag, element type name for object vectors, then the elements. */
  private void writeVector(ByteBuf out, AmfVector vector) {
    writeU29(out, lengthHeader(vector.size()));
    out.writeByte(vector.fixed() ? 1 : 0);
    switch (vector.type()) {
      case INT -> {
        for (Object e : vector) {
          if (!(e instanceof Integer i)) {
            throw new IllegalArgumentException("int vector holds " + e);
          }
          out.writeInt(i);
        }
      }
      case UINT -> {
        for (Object e : vector) {
          if (!(e instanceof Long l) || l < 0 || l > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint vector holds " + e);
          }
          out.writeInt((int) (long) l);
        }
      }
      case DOUBLE -> {
        for (Object e : vector) {
          if (!(e instanceof Number n)) {
            throw new IllegalArgumentException("double vector holds " + e);
          }
          out.writeDouble(n.doubleValue());
        }
      }
      case OBJECT -> {
        writeString(out, vector.objectTypeName());
        for (Object e : vector) {
          encode(e, out);
        }
      }
    }
  }

  /** 1.3.2: UTF-8-vr, by reference when the string was sent before in this message. */
  private void writeString(ByteBuf out, String s) {
    if (s.isEmpty()) {
      out.writeByte(0x01);
      return;
    }
    Integer index = strings.get(s);
    if (index != null) {
      writeU29(out, index << 1);
      return;
    }
    strings.put(s, strings.size());
    writeUtf8Value(out, s);
  }

  private static void writeUtf8Value(ByteBuf out, String s) {
    writeU29(out, lengthHeader(ByteBufUtil.utf8Bytes(s)));
    ByteBufUtil.writeUtf8(out, s);
  }

  private static int lengthHeader(int length) {
    if (length > U29_MAX >>> 1) {
      throw new IllegalArgumentException("length " + length + " does not fit a U29");
    }
    return (length << 1) | 1;
  }

  /** 1.3.1: 7 bits per byte with a continuation flag; a fourth byte carries 8 bits. */
  static void writeU29(ByteBuf out, int value) {
    if (value < 0 || value > U29_MAX) {
      throw new IllegalArgumentException("not a U29: " + value);
    }
    if (value < 0x80) {
      out.writeByte(value);
    } else if (value < 0x4000) {
      out.writeByte(value >> 7 | 0x80);
      out.writeByte(value & 0x7F);
    } else if (value < 0x20_0000) {
      out.writeByte(value >> 14 | 0x80);
      out.writeByte(value >> 7 & 0x7F | 0x80);
      out.writeByte(value & 0x7F);
    } else {
      out.writeByte(value >> 22 | 0x80);
      out.writeByte(value >> 15 & 0x7F | 0x80);
      out.writeByte(value >> 8 & 0x7F | 0x80);
      out.writeByte(value & 0xFF);
    }
  }
}
