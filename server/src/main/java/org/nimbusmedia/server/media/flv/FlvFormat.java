package org.nimbusmedia.server.media.flv;

/** Constants of the FLV file format (FLV specification 10.1, E.2 and E.3). */
final class FlvFormat {
  static final int HEADER_SIZE = 9;

  /** The largest DataOffset accepted: the header is 9 bytes in every FLV version so far. */
  static final int MAX_DATA_OFFSET = 1024;

  static final int TAG_HEADER_SIZE = 11;
  static final int PREVIOUS_TAG_SIZE = 4;
  static final int TAG_AUDIO = 8;
  static final int TAG_VIDEO = 9;
  static final int TAG_SCRIPT = 18;

  static final int FLAG_AUDIO = 0x04;
  static final int FLAG_VIDEO = 0x01;

  private FlvFormat() {}

  /** The 9-byte file header and PreviousTagSize0. */
  static byte[] fileHeader(boolean audio, boolean video) {
    int flags = (audio ? FLAG_AUDIO : 0) | (video ? FLAG_VIDEO : 0);
    return new byte[] {'F', 'L', 'V', 1, (byte) flags, 0, 0, 0, HEADER_SIZE, 0, 0, 0, 0};
  }
}
