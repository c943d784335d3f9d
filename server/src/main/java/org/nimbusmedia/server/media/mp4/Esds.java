package org.nimbusmedia.server.media.mp4;

import io.netty.buffer.ByteBuf;
import org.nimbusmedia.server.media.MediaFormatException;

/**
 * The elementary stream descriptor of an {@code esds} box (ISO/IEC 14496-1 section 7.2.6.5): the
 * DecoderConfigDescriptor's object type and its DecoderSpecificInfo (for AAC the
 * AudioSpecificConfig, ISO/IEC 14496-3 section 1.6.2.1).
 */
final class Esds {
  private static final int ES_DESCRIPTOR = 0x03;
  private static final int DECODER_CONFIG = 0x04;
  private static final int DECODER_SPECIFIC_INFO = 0x05;

  record Config(int objectType, byte[] specificInfo) {
    boolean isAac() {
      // 0x40 MPEG-4 audio; 0x66-0x68 MPEG-2 AAC profiles.
      return objectType == 0x40 || (objectType >= 0x66 && objectType <= 0x68);
    }

    boolean isMp3() {
      return objectType == 0x69 || objectType == 0x6B;
    }
  }

  private Esds() {}

  static Config read(ByteBuf in) throws MediaFormatException {
    Box.need(in, 4, "esds");
    in.skipBytes(4); // version/flags
    ByteBuf es = descriptor(in, ES_DESCRIPTOR);
    Box.need(es, 3, "ES_Descriptor");
    es.skipBytes(2); // ES_ID
    int flags = es.readUnsignedByte();
    if ((flags & 0x80) != 0) {
      skip(es, 2); // dependsOn_ES_ID
    }
    if ((flags & 0x40) != 0) {
      Box.need(es, 1, "ES_Descriptor");
      skip(es, es.readUnsignedByte()); // URL
    }
    if ((flags & 0x20) != 0) {
      skip(es, 2); // OCR_ES_Id
    }
    ByteBuf config = descriptor(es, DECODER_CONFIG);
    Box.need(config, 13, "DecoderConfigDescriptor");
    int objectType = config.readUnsignedByte();
    config.skipBytes(12); // streamType, bufferSizeDB, maxBitrate, avgBitrate
    byte[] info = new byte[0];
    if (config.isReadable()
        && config.getUnsignedByte(config.readerIndex()) == DECODER_SPECIFIC_INFO) {
      ByteBuf specific = descriptor(config, DECODER_SPECIFIC_INFO);
      info = new byte[specific.readableBytes()];
      specific.readBytes(info);
    }
    return new Config(objectType, info);
  }

  /** The body of the descriptor with {@code tag} at the reader index (14496-1 section 8.3.3). */
  private static ByteBuf descriptor(ByteBuf in, int tag) throws MediaFormatException {
    Box.need(in, 2, "esds");
    int found = in.readUnsignedByte();
    if (found != tag) {
      throw new MediaFormatException("descriptor tag " + found + " where " + tag + " belongs");
    }
    int length = 0;
    for (int i = 0; i < 4; i++) {
      Box.need(in, 1, "esds");
      int b = in.readUnsignedByte();
      length = (length << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        break;
      }
    }
    Box.need(in, length, "esds descriptor " + tag);
    return in.readSlice(length);
  }

  private static void skip(ByteBuf in, int bytes) throws MediaFormatException {
    Box.need(in, bytes, "ES_Descriptor");
    in.skipBytes(bytes);
  }
}
