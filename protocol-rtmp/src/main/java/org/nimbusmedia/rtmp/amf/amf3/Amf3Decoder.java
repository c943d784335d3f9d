package org.nimbusmedia.rtmp.amf.amf3;

import static org.nimbusmedia.rtmp.amf.amf3.Amf3Markers.*;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfArrayCollection;
import org.nimbusmedia.rtmp.amf.AmfByteArray;
import org.nimbusmedia.rtmp.amf.AmfDate;
import org.nimbusmedia.rtmp.amf.AmfDecodeContext;
import org.nimbusmedia.rtmp.amf.AmfDictionary;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfException.Reason;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.AmfObjectProxy;
import org.nimbusmedia.rtmp.amf.AmfTraits;
import org.nimbusmedia.rtmp.amf.AmfUndefined;
import org.nimbusmedia.rtmp.amf.AmfVector;
import org.nimbusmedia.rtmp.amf.AmfXml;
import org.nimbusmedia.rtmp.amf.AmfXmlDocument;

/**
 * Reads AMF3 values (AMF3 spec section 3) from a {@link ByteBuf}.
 *
 * <p>One instance holds the three reference tables of one message (AMF3 spec section 2.2): create
 * one per message, or call {@link #decodeAll(ByteBuf)}, which starts a new message. Every count and
 * length is checked against the bytes that remain and the {@link AmfLimits} before anything is
 * allocated; bad input raises {@link AmfException}. The decoder never retains or releases the
 * buffer. Not thread-safe.
 */
public final class Amf3Decoder {

  private final AmfDecodeContext context;
  private final List<String> strings = new ArrayList<>();
  private final List<Object> objects = new ArrayList<>();
  private final List<AmfTraits> traits = new ArrayList<>();
  // Object-table entries whose members are still being read; a reference to one is a cycle.
  private final BitSet pending = new BitSet();
  // The value an object-table reference resolved to, handed from readObjectHeader to its caller.
  private Object referenced;

  /** A decoder with {@link AmfLimits#DEFAULT}. */
  public Amf3Decoder() {
    this(AmfLimits.DEFAULT);
  }

  /** A decoder enforcing {@code limits}. */
  public Amf3Decoder(AmfLimits limits) {
    this(new AmfDecodeContext(limits));
  }

  /** A decoder sharing depth, element budget and offsets with an enclosing AMF0 decoder. */
  public Amf3Decoder(AmfDecodeContext context) {
    this.context = context;
  }

  /**
   * Decodes every value from the reader index to the writer index as one message: the reference
   * tables start empty.
   */
  public List<Object> decodeAll(ByteBuf in) {
    startMessage(in);
    List<Object> values = new ArrayList<>();
    while (in.isReadable()) {
      values.add(decode(in));
    }
    return values;
  }

  /** Starts a new message at the reader index of {@code in}: empties the reference tables. */
  public void startMessage(ByteBuf in) {
    reset();
    context.begin(in);
  }

  /**
   * Empties the reference tables, e.g. when the AMF0 decoder that owns this one starts a message.
   */
  public void reset() {
    strings.clear();
    objects.clear();
    traits.clear();
    pending.clear();
  }

  /** Decodes one value, continuing the current message's reference tables. */
  public Object decode(ByteBuf in) {
    int at = in.readerIndex();
    context.need(in, 1, "type marker");
    context.countElement(in);
    int marker = in.readUnsignedByte();
    return switch (marker) {
      case UNDEFINED -> AmfUndefined.INSTANCE;
      case NULL -> null;
      case FALSE -> Boolean.FALSE;
      case TRUE -> Boolean.TRUE;
      // 3.6: a U29 holding a two's complement 29-bit integer; shift to extend the sign.
      case INTEGER -> (readU29(in) << 3) >> 3;
      case DOUBLE -> readDouble(in);
      case STRING -> readString(in);
      case XML_DOC, XML -> readXml(in, marker == XML_DOC);
      case DATE -> readDate(in);
      case ARRAY -> readArray(in);
      case OBJECT -> readObject(in);
      case BYTE_ARRAY -> readByteArray(in);
      case VECTOR_INT, VECTOR_UINT, VECTOR_DOUBLE, VECTOR_OBJECT -> readVector(in, marker);
      case DICTIONARY -> readDictionary(in);
      default ->
          throw context.failAt(
              at, Reason.UNKNOWN_MARKER, String.format("AMF3 type marker 0x%02X", marker));
    };
  }

  /** 1.3.1: up to three bytes of 7 bits with a continuation flag, then one byte of 8 bits. */
  private int readU29(ByteBuf in) {
    int value = 0;
    for (int i = 0; i < 3; i++) {
      context.need(in, 1, "U29");
      int b = in.readUnsignedByte();
      if ((b & 0x80) == 0) {
        return (value << 7) | b;
      }
      value = (value << 7) | (b & 0x7F);
    }
    context.need(in, 1, "U29");
    return (value << 8) | in.readUnsignedByte();
  }

  private double readDouble(ByteBuf in) {
    context.need(in, 8, "double");
    return in.readDouble();
  }

  /** 1.3.2 and 3.8: UTF-8-vr, a string-table reference or an inline string. */
  private String readString(ByteBuf in) {
    int at = in.readerIndex();
    int header = readU29(in);
    if ((header & 1) == 0) {
      int index = header >>> 1;
      if (index >= strings.size()) {
        throw context.failAt(
            at,
            Reason.BAD_REFERENCE,
            "string reference " + index + ", table holds " + strings.size());
      }
      return strings.get(index);
    }
    int length = context.checkLength(in, header >>> 1, "string");
    if (length == 0) {
      // 1.3.2: the empty string is never sent by reference, so it takes no table slot.
      return "";
    }
    String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    strings.add(value);
    return value;
  }

  /**
   * Reads the U29 header of an object-table type. Returns the header for an inline value, or -1
   * after storing the referenced value in {@link #referenced}.
   */
  private int readObjectHeader(ByteBuf in) {
    int at = in.readerIndex();
    int header = readU29(in);
    if ((header & 1) == 0) {
      int index = header >>> 1;
      if (index >= objects.size()) {
        throw context.failAt(
            at,
            Reason.BAD_REFERENCE,
            "object reference " + index + ", table holds " + objects.size());
      }
      if (pending.get(index)) {
        throw context.failAt(
            at, Reason.CYCLE, "object reference " + index + " to a value still being decoded");
      }
      referenced = objects.get(index);
      return -1;
    }
    return header;
  }

  private int reserve() {
    objects.add(null);
    int index = objects.size() - 1;
    pending.set(index);
    return index;
  }

  private <T> T complete(int index, T value) {
    objects.set(index, value);
    pending.clear(index);
    return value;
  }

  /** 3.9 and 3.13: U29X-value then UTF-8 text; both XML types use the object table. */
  private Object readXml(ByteBuf in, boolean document) {
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    int length = context.checkLength(in, header >>> 1, "XML");
    String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    Object value = document ? new AmfXmlDocument(text) : new AmfXml(text);
    objects.add(value);
    return value;
  }

  /** 3.10: U29D-value (only the flag bit is used) then milliseconds as a double. */
  private Object readDate(ByteBuf in) {
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    AmfDate date = new AmfDate(readDouble(in));
    objects.add(date);
    return date;
  }

  /**
   * 3.11: U29A-value holding the dense count, then the associative part as name/value pairs ending
   * with the empty string, then the dense values.
   */
  private Object readArray(ByteBuf in) {
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    int denseCount = context.checkCount(in, header >>> 1, 1, "array");
    int index = reserve();
    context.enter(in);
    AmfEcmaArray associative = null;
    for (String key = readString(in); !key.isEmpty(); key = readString(in)) {
      if (associative == null) {
        associative = new AmfEcmaArray();
      }
      associative.put(key, decode(in));
    }
    // The associative part consumed bytes: check the dense count again before allocating.
    context.checkCount(in, denseCount, 1, "array");
    List<Object> dense = associative == null ? new ArrayList<>(denseCount) : associative.dense();
    for (int i = 0; i < denseCount; i++) {
      dense.add(decode(in));
    }
    context.exit();
    return complete(index, associative == null ? dense : associative);
  }

  /** 3.12: an object, with inline traits, a traits reference or externalizable traits. */
  private Object readObject(ByteBuf in) {
    int at = in.readerIndex();
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    int index = reserve();
    context.enter(in);
    AmfTraits objectTraits = readTraits(in, header, at);
    Object value;
    if (objectTraits.externalizable()) {
      value = readExternalizable(in, objectTraits.className(), at);
    } else {
      AmfObject object = new AmfObject(objectTraits.className()).traits(objectTraits);
      for (String name : objectTraits.sealedNames()) {
        object.put(name, decode(in));
      }
      if (objectTraits.dynamic()) {
        for (String key = readString(in); !key.isEmpty(); key = readString(in)) {
          object.put(key, decode(in));
        }
      }
      value = object;
    }
    context.exit();
    return complete(index, value);
  }

  private AmfTraits readTraits(ByteBuf in, int header, int at) {
    if ((header & 0b10) == 0) {
      // U29O-traits-ref: the traits index sits above the two flag bits.
      int index = header >>> 2;
      if (index >= traits.size()) {
        throw context.failAt(
            at,
            Reason.BAD_REFERENCE,
            "traits reference " + index + ", table holds " + traits.size());
      }
      return traits.get(index);
    }
    AmfTraits inline;
    if ((header & 0b100) != 0) {
      // U29O-traits-ext: only a class name; the class writes its own body.
      inline = new AmfTraits(readString(in), false, true, List.of());
    } else {
      // U29O-traits: bit 3 is the dynamic flag, the sealed member count sits above it.
      boolean dynamic = (header & 0b1000) != 0;
      int sealedCount = context.checkCount(in, header >>> 4, 1, "sealed member names");
      String className = readString(in);
      List<String> names = new ArrayList<>(sealedCount);
      for (int i = 0; i < sealedCount; i++) {
        names.add(readString(in));
      }
      inline = new AmfTraits(className, dynamic, false, names);
    }
    traits.add(inline);
    return inline;
  }

  private Object readExternalizable(ByteBuf in, String className, int at) {
    switch (className) {
      case AmfArrayCollection.CLASS_NAME -> {
        // ArrayCollection.writeExternal writes its source Array.
        Object source = decode(in);
        if (!(source instanceof ArrayList<?> list) || source instanceof AmfArrayCollection) {
          throw context.failAt(
              at,
              Reason.MALFORMED,
              "ArrayCollection source is not a dense array: " + describe(source));
        }
        return new AmfArrayCollection(list);
      }
      case AmfObjectProxy.CLASS_NAME -> {
        // ObjectProxy.writeExternal writes the proxied object.
        return new AmfObjectProxy(decode(in));
      }
      default ->
          throw context.failAt(
              at,
              Reason.UNSUPPORTED_EXTERNALIZABLE,
              "externalizable class '" + className + "' cannot be read");
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }

  /** 3.14: U29B-value then the bytes. */
  private Object readByteArray(ByteBuf in) {
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    int length = context.checkLength(in, header >>> 1, "byte array");
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    AmfByteArray value = new AmfByteArray(bytes);
    objects.add(value);
    return value;
  }

  /** 3.15: U29V-value, the fixed-length flag, for object vectors a type name, then the items. */
  private Object readVector(ByteBuf in, int marker) {
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    long count = header >>> 1;
    context.need(in, 1, "vector fixed flag");
    boolean fixed = in.readUnsignedByte() != 0;
    int index = reserve();
    context.enter(in);
    AmfVector vector;
    switch (marker) {
      case VECTOR_INT -> {
        int n = context.checkCount(in, count, 4, "int vector");
        context.countElements(in, n);
        vector = new AmfVector(AmfVector.Type.INT, fixed, "");
        vector.ensureCapacity(n);
        for (int i = 0; i < n; i++) {
          vector.add(in.readInt());
        }
      }
      case VECTOR_UINT -> {
        int n = context.checkCount(in, count, 4, "uint vector");
        context.countElements(in, n);
        vector = new AmfVector(AmfVector.Type.UINT, fixed, "");
        vector.ensureCapacity(n);
        for (int i = 0; i < n; i++) {
          vector.add(in.readUnsignedInt());
        }
      }
      case VECTOR_DOUBLE -> {
        int n = context.checkCount(in, count, 8, "double vector");
        context.countElements(in, n);
        vector = new AmfVector(AmfVector.Type.DOUBLE, fixed, "");
        vector.ensureCapacity(n);
        for (int i = 0; i < n; i++) {
          vector.add(in.readDouble());
        }
      }
      default -> {
        String typeName = readString(in);
        int n = context.checkCount(in, count, 1, "object vector");
        vector = new AmfVector(AmfVector.Type.OBJECT, fixed, typeName);
        vector.ensureCapacity(n);
        for (int i = 0; i < n; i++) {
          vector.add(decode(in));
        }
      }
    }
    context.exit();
    return complete(index, vector);
  }

  /** 3.16: U29Dict-value, the weak-keys flag, then key/value pairs, keys being any value. */
  private Object readDictionary(ByteBuf in) {
    int header = readObjectHeader(in);
    if (header < 0) {
      return referenced;
    }
    int count = context.checkCount(in, header >>> 1, 2, "dictionary");
    context.need(in, 1, "dictionary weak-keys flag");
    boolean weakKeys = in.readUnsignedByte() != 0;
    int index = reserve();
    context.enter(in);
    AmfDictionary dictionary = new AmfDictionary(weakKeys);
    for (int i = 0; i < count; i++) {
      Object key = decode(in);
      dictionary.put(key, decode(in));
    }
    context.exit();
    return complete(index, dictionary);
  }
}
