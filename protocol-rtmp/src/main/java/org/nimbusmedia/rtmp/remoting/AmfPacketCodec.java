package org.nimbusmedia.rtmp.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;

/**
 * Reads and writes {@link AmfPacket}s (AMF0 specification section 4). Each header and message value
 * starts with empty reference tables, as the specification requires. Counts and lengths are checked
 * against the bytes that remain before anything is allocated; bad input raises {@link
 * AmfException}.
 */
public final class AmfPacketCodec {

  /** Length written for a value, as Flash Player does: its real length. */
  private static final long UNKNOWN_LENGTH = 0xFFFFFFFFL;

  /** Smallest header: name length, must-understand, length, one marker byte. */
  private static final int MIN_HEADER_BYTES = 2 + 1 + 4 + 1;

  /** Smallest message: two URI lengths, length, one marker byte. */
  private static final int MIN_MESSAGE_BYTES = 2 + 2 + 4 + 1;

  private AmfPacketCodec() {}

  /** Writes {@code packet}; values are written in AMF0 (AMF3 ones behind the AVM+ marker). */
  public static void encode(AmfPacket packet, ByteBuf out) {
    Amf0Encoder encoder = new Amf0Encoder();
    out.writeShort(packet.version());
    out.writeShort(packet.headers().size());
    for (AmfPacket.Header header : packet.headers()) {
      writeUtf(out, header.name());
      out.writeBoolean(header.mustUnderstand());
      writeValue(encoder, header.value(), out);
    }
    out.writeShort(packet.messages().size());
    for (AmfPacket.Message message : packet.messages()) {
      writeUtf(out, message.targetUri());
      writeUtf(out, message.responseUri());
      writeValue(encoder, message.body(), out);
    }
  }

  private static void writeValue(Amf0Encoder encoder, Object value, ByteBuf out) {
    int lengthAt = out.writerIndex();
    out.writeInt(0);
    encoder.reset();
    encoder.encode(value, out);
    out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
  }

  private static void writeUtf(ByteBuf out, String text) {
    int lengthAt = out.writerIndex();
    out.writeShort(0);
    int length = ByteBufUtil.writeUtf8(out, text);
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("string longer than 65535 bytes in an AMF packet");
    }
    out.setShort(lengthAt, length);
  }

  /** Reads one packet: every byte from the reader index to the writer index. */
  public static AmfPacket decode(ByteBuf in, AmfLimits limits) {
    int start = in.readerIndex();
    Amf0Decoder decoder = new Amf0Decoder(limits);
    need(in, start, 4, "version and header count");
    int version = in.readUnsignedShort();
    int headerCount = in.readUnsignedShort();
    checkCount(in, start, headerCount, MIN_HEADER_BYTES, "headers");
    List<AmfPacket.Header> headers = new ArrayList<>(headerCount);
    for (int i = 0; i < headerCount; i++) {
      String name = readUtf(in, start);
      need(in, start, 1, "must-understand flag");
      boolean mustUnderstand = in.readBoolean();
      headers.add(new AmfPacket.Header(name, mustUnderstand, readValue(decoder, in, start)));
    }
    need(in, start, 2, "message count");
    int messageCount = in.readUnsignedShort();
    checkCount(in, start, messageCount, MIN_MESSAGE_BYTES, "messages");
    List<AmfPacket.Message> messages = new ArrayList<>(messageCount);
    for (int i = 0; i < messageCount; i++) {
      String target = readUtf(in, start);
      String response = readUtf(in, start);
      messages.add(new AmfPacket.Message(target, response, readValue(decoder, in, start)));
    }
    if (in.isReadable()) {
      throw new AmfException(
          AmfException.Reason.MALFORMED,
          in.readerIndex() - start,
          in.readableBytes() + " bytes after the last message");
    }
    return new AmfPacket(version, headers, messages);
  }

  /**
   * One header or message value. The length field may be -1 (unknown, section 4.1); a known length
   * must match the bytes the value takes.
   */
  private static Object readValue(Amf0Decoder decoder, ByteBuf in, int start) {
    need(in, start, 4, "value length");
    long length = in.readUnsignedInt();
    if (length != UNKNOWN_LENGTH && length > in.readableBytes()) {
      throw new AmfException(
          AmfException.Reason.TRUNCATED,
          in.readerIndex() - start,
          "value of " + length + " bytes, " + in.readableBytes() + " left");
    }
    int valueStart = in.readerIndex();
    decoder.startMessage(in);
    Object value = decoder.decode(in);
    if (length != UNKNOWN_LENGTH && in.readerIndex() - valueStart != length) {
      throw new AmfException(
          AmfException.Reason.MALFORMED,
          valueStart - start,
          "value announced " + length + " bytes, took " + (in.readerIndex() - valueStart));
    }
    return value;
  }

  private static String readUtf(ByteBuf in, int start) {
    need(in, start, 2, "string length");
    int length = in.readUnsignedShort();
    need(in, start, length, "string");
    return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
  }

  private static void checkCount(ByteBuf in, int start, int count, int minBytes, String what) {
    if ((long) count * minBytes > in.readableBytes()) {
      throw new AmfException(
          AmfException.Reason.TRUNCATED,
          in.readerIndex() - start,
          count + " " + what + " cannot fit in " + in.readableBytes() + " bytes");
    }
  }

  private static void need(ByteBuf in, int start, int bytes, String what) {
    if (in.readableBytes() < bytes) {
      throw new AmfException(
          AmfException.Reason.TRUNCATED,
          in.readerIndex() - start,
          what + " needs " + bytes + " bytes, " + in.readableBytes() + " left");
    }
  }
}
