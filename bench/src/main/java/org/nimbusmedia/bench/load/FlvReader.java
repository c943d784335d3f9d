package org.nimbusmedia.bench.load;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads FLV files (FLV specification 10.1, annex E): a 9-byte header ("FLV", version 1, flags, data
 * offset), PreviousTagSize0, then tags of an 11-byte header (type, DataSize(3), Timestamp(3),
 * TimestampExtended(1), StreamID(3)), a body and a PreviousTagSize. Every length is bounded, and a
 * file that breaks the format fails with the byte offset of the fault rather than being guessed at.
 */
public final class FlvReader {

  /** Largest header DataOffset accepted (the header is 9 bytes in FLV version 1). */
  static final int MAX_DATA_OFFSET = 1024;

  private final DataInputStream in;
  private final int maxBodySize;
  private long offset;

  /**
   * @param in the file's bytes, from the start
   * @param maxBodySize the largest tag body accepted, 1..16777215 (DataSize is 24 bits)
   */
  public FlvReader(InputStream in, int maxBodySize) {
    if (maxBodySize < 1 || maxBodySize > 0xFFFFFF) {
      throw new IllegalArgumentException("maxBodySize must be 1..16777215, got " + maxBodySize);
    }
    this.in = new DataInputStream(in);
    this.maxBodySize = maxBodySize;
  }

  /**
   * Reads a whole file.
   *
   * @param maxTotalBytes the most tag body bytes kept in memory
   * @throws FlvFormatException if the file breaks the format or is larger than allowed
   */
  public static List<FlvTag> readAll(InputStream in, int maxBodySize, long maxTotalBytes)
      throws IOException {
    FlvReader reader = new FlvReader(in, maxBodySize);
    reader.readHeader();
    List<FlvTag> tags = new ArrayList<>();
    long total = 0;
    for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
      total += tag.body().length;
      if (total > maxTotalBytes) {
        throw new FlvFormatException(
            "tag bodies exceed " + maxTotalBytes + " bytes at offset " + reader.offset);
      }
      tags.add(tag);
    }
    return tags;
  }

  /** Reads the file header and PreviousTagSize0; call once, first. */
  public void readHeader() throws IOException {
    byte[] signature = readBytes(3);
    if (!"FLV".equals(new String(signature, StandardCharsets.ISO_8859_1))) {
      throw new FlvFormatException("not an FLV file: signature is not \"FLV\"");
    }
    long version = readUnsigned(1);
    if (version != 1) {
      throw new FlvFormatException("FLV version must be 1, got " + version);
    }
    readUnsigned(1);
    long dataOffset = readUnsigned(4);
    if (dataOffset < 9 || dataOffset > MAX_DATA_OFFSET) {
      throw new FlvFormatException(
          "FLV header DataOffset must be 9.." + MAX_DATA_OFFSET + ", got " + dataOffset);
    }
    readBytes((int) dataOffset - 9);
    long previousTagSize0 = readUnsigned(4);
    if (previousTagSize0 != 0) {
      throw new FlvFormatException("PreviousTagSize0 must be 0, got " + previousTagSize0);
    }
  }

  /**
   * Reads the next tag.
   *
   * @return the tag, or null at the end of the file (which must fall between tags)
   * @throws FlvFormatException on a bad type, an encrypted tag, a body over the limit, a non-zero
   *     StreamID, a PreviousTagSize that does not match, or a truncated tag
   */
  public FlvTag next() throws IOException {
    long tagStart = offset;
    int first = in.read();
    if (first < 0) {
      return null;
    }
    offset++;
    if ((first & 0x20) != 0) {
      throw new FlvFormatException("encrypted (Filter) tag at offset " + tagStart);
    }
    int type = first & 0x1F;
    if (type != FlvTag.AUDIO && type != FlvTag.VIDEO && type != FlvTag.SCRIPT) {
      throw new FlvFormatException("tag type " + type + " at offset " + tagStart);
    }
    int size = (int) readUnsigned(3);
    if (size > maxBodySize) {
      throw new FlvFormatException(
          "tag DataSize " + size + " over " + maxBodySize + " at offset " + tagStart);
    }
    long timestamp = readUnsigned(3) | (readUnsigned(1) << 24);
    long streamId = readUnsigned(3);
    if (streamId != 0) {
      throw new FlvFormatException("tag StreamID " + streamId + " at offset " + tagStart);
    }
    byte[] body = readBytes(size);
    long previousTagSize = readUnsigned(4);
    if (previousTagSize != 11L + size) {
      throw new FlvFormatException(
          "PreviousTagSize "
              + previousTagSize
              + " does not match tag of "
              + (11 + size)
              + " bytes at offset "
              + tagStart);
    }
    return new FlvTag(type, timestamp, body);
  }

  private byte[] readBytes(int length) throws IOException {
    byte[] bytes = new byte[length];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new FlvFormatException("truncated at offset " + offset + ": " + length + " bytes due");
    }
    offset += length;
    return bytes;
  }

  private long readUnsigned(int length) throws IOException {
    long value = 0;
    for (byte b : readBytes(length)) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  /** An FLV file that breaks the format or the limits. */
  public static final class FlvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    FlvFormatException(String message) {
      super(message);
    }
  }
}
