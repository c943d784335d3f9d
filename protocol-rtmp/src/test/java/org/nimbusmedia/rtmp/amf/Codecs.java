package org.nimbusmedia.rtmp.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Decoder;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Encoder;

/** Byte-array conveniences over the codecs for tests; every buffer is released. */
public final class Codecs {

  private Codecs() {}

  /** Decodes an AMF0 message body. */
  public static List<Object> decode0(byte[] bytes) {
    return decode0(bytes, AmfLimits.DEFAULT);
  }

  /** Decodes an AMF0 message body with {@code limits}. */
  public static List<Object> decode0(byte[] bytes, AmfLimits limits) {
    ByteBuf in = Hex.buffer(bytes);
    try {
      return new Amf0Decoder(limits).decodeAll(in);
    } finally {
      in.release();
    }
  }

  /** Decodes an AMF3 stream of values. */
  public static List<Object> decode3(byte[] bytes) {
    return decode3(bytes, AmfLimits.DEFAULT);
  }

  /** Decodes an AMF3 stream of values with {@code limits}. */
  public static List<Object> decode3(byte[] bytes, AmfLimits limits) {
    ByteBuf in = Hex.buffer(bytes);
    try {
      return new Amf3Decoder(limits).decodeAll(in);
    } finally {
      in.release();
    }
  }

  /** Decodes either format. */
  public static List<Object> decode(boolean amf3, byte[] bytes) {
    return amf3 ? decode3(bytes) : decode0(bytes);
  }

  /** Encodes values as an AMF3 stream. */
  public static byte[] encode3(List<?> values) {
    ByteBuf out = Unpooled.buffer();
    try {
      new Amf3Encoder().encodeAll(values, out);
      return Hex.readable(out);
    } finally {
      out.release();
    }
  }

  /** Encodes values as an AMF0 message body, every value in AMF0 where AMF0 can carry it. */
  public static byte[] encode0(List<?> values) {
    ByteBuf out = Unpooled.buffer();
    try {
      new Amf0Encoder().encodeAll(values, out);
      return Hex.readable(out);
    } finally {
      out.release();
    }
  }

  /**
   * Decodes an AMF0 message body and encodes it again, writing each value behind the AVM+ marker
   * exactly when the input did.
   */
  public static byte[] reencode0(byte[] bytes) {
    ByteBuf in = Hex.buffer(bytes);
    ByteBuf out = Unpooled.buffer();
    try {
      Amf0Decoder decoder = new Amf0Decoder();
      Amf0Encoder encoder = new Amf0Encoder();
      decoder.startMessage(in);
      List<Object> seen = new ArrayList<>();
      while (in.isReadable()) {
        boolean avmplus = Amf0Decoder.isAvmplus(in);
        Object value = decoder.decode(in);
        seen.add(value);
        if (avmplus) {
          encoder.encodeAvmplus(value, out);
        } else {
          encoder.encode(value, out);
        }
      }
      return Hex.readable(out);
    } finally {
      in.release();
      out.release();
    }
  }

  /** Decodes and encodes again in either format. */
  public static byte[] reencode(boolean amf3, byte[] bytes) {
    return amf3 ? encode3(decode3(bytes)) : reencode0(bytes);
  }
}
