package org.nimbusmedia.rtmp.chunk;

/** Constants of the chunk format shared by the decoder and the encoder (RTMP 1.0 section 5.3). */
final class ChunkHeaders {

  /** Chunk size in force until a Set Chunk Size message says otherwise (section 5.4.1). */
  static final int DEFAULT_CHUNK_SIZE = 128;

  /** A 24-bit timestamp field with this value means a 4-byte extended timestamp follows. */
  static final int EXTENDED_TIMESTAMP_MARKER = 0xFFFFFF;

  /** Message header length by chunk type (fmt) 0 to 3 (section 5.3.1.2). */
  static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};

  static final int TYPE_SET_CHUNK_SIZE = 1;
  static final int TYPE_ABORT = 2;
  static final int TYPE_ACKNOWLEDGEMENT = 3;
  static final int TYPE_WINDOW_ACK_SIZE = 5;

  /** Protocol control messages travel on chunk stream 2, message stream 0 (section 5.4). */
  static final int CONTROL_CHUNK_STREAM_ID = 2;

  private ChunkHeaders() {}
}
