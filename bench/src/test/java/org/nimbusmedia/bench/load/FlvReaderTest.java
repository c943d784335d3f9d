package org.nimbusmedia.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.bench.load.FlvReader.FlvFormatException;

/** FLV parsing against the layout of FLV specification 10.1, annex E.2 to E.4. */
class FlvReaderTest {

  /** FLV header: "FLV", version 1, audio and video present, DataOffset 9; PreviousTagSize0 0. */
  private static final byte[] HEADER = {
    'F', 'L', 'V', 0x01, 0x05, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00
  };

  private static byte[] tag(int type, long timestamp, int streamId, byte[] body, long prevSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(type);
    out.write(body.length >> 16);
    out.write(body.length >> 8);
    out.write(body.length);
    out.write((int) (timestamp >> 16));
    out.write((int) (timestamp >> 8));
    out.write((int) timestamp);
    out.write((int) (timestamp >> 24)); // TimestampExtended: the upper 8 bits
    out.write(streamId >> 16);
    out.write(streamId >> 8);
    out.write(streamId);
    out.writeBytes(body);
    out.write((int) (prevSize >> 24));
    out.write((int) (prevSize >> 16));
    out.write((int) (prevSize >> 8));
    out.write((int) prevSize);
    return out.toByteArray();
  }

  private static byte[] tag(int type, long timestamp, byte[] body) {
    return tag(type, timestamp, 0, body, 11 + body.length);
  }

  private static byte[] file(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEADER);
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static List<FlvTag> read(byte[] bytes, int maxBody) throws IOException {
    return FlvReader.readAll(new ByteArrayInputStream(bytes), maxBody, 1 << 20);
  }

  @Test
  void readsTagsWithExtendedTimestamps() throws IOException {
    byte[] video = {0x17, 0x01, 0, 0, 0, 1, 2, 3};
    byte[] audio = {(byte) 0xAF, 0x01, 9};
    List<FlvTag> tags =
        read(file(tag(FlvTag.VIDEO, 0x01020304L, video), tag(FlvTag.AUDIO, 40, audio)), 100);
    assertEquals(2, tags.size());
    assertEquals(FlvTag.VIDEO, tags.get(0).type());
    assertEquals(0x01020304L, tags.get(0).timestamp());
    assertArrayEquals(video, tags.get(0).body());
    assertEquals(FlvTag.AUDIO, tags.get(1).type());
    assertEquals(40, tags.get(1).timestamp());
    assertArrayEquals(audio, tags.get(1).body());
  }

  @Test
  void acceptsALongerDataOffsetAndAnEmptyFile() throws IOException {
    byte[] header = {'F', 'L', 'V', 1, 5, 0, 0, 0, 12, 7, 7, 7, 0, 0, 0, 0};
    assertTrue(FlvReader.readAll(new ByteArrayInputStream(header), 10, 10).isEmpty());
  }

  @Test
  void everyTruncationFailsOrEndsBetweenTags() throws IOException {
    byte[] one = tag(FlvTag.VIDEO, 0, new byte[] {0x17, 0x01, 0, 0, 0, 5});
    byte[] whole = file(one, tag(FlvTag.AUDIO, 23, new byte[] {(byte) 0xAF, 0x01}));
    for (int length = 0; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      if (length == HEADER.length) {
        assertTrue(read(cut, 100).isEmpty());
      } else if (length == HEADER.length + one.length) {
        assertEquals(1, read(cut, 100).size());
      } else {
        assertThrows(FlvFormatException.class, () -> read(cut, 100), "cut at " + length);
      }
    }
  }

  @Test
  void rejectsABodyOverTheLimitBeforeReadingIt() {
    byte[] bytes = file(tag(FlvTag.VIDEO, 0, new byte[101]));
    FlvFormatException e = assertThrows(FlvFormatException.class, () -> read(bytes, 100));
    assertTrue(e.getMessage().contains("DataSize 101 over 100"), e.getMessage());
  }

  @Test
  void rejectsTotalSizeOverTheLimit() {
    byte[] bytes = file(tag(FlvTag.VIDEO, 0, new byte[60]), tag(FlvTag.VIDEO, 33, new byte[60]));
    assertThrows(
        FlvFormatException.class,
        () -> FlvReader.readAll(new ByteArrayInputStream(bytes), 100, 100));
  }

  @Test
  void rejectsAPreviousTagSizeThatDoesNotMatch() {
    byte[] bytes = file(tag(FlvTag.AUDIO, 0, 0, new byte[4], 14));
    FlvFormatException e = assertThrows(FlvFormatException.class, () -> read(bytes, 100));
    assertTrue(e.getMessage().contains("PreviousTagSize 14"), e.getMessage());
  }

  @Test
  void rejectsBadTagHeaders() {
    byte[] streamId = file(tag(FlvTag.AUDIO, 0, 1, new byte[4], 15));
    assertThrows(FlvFormatException.class, () -> read(streamId, 100));
    byte[] unknownType = file(tag(7, 0, new byte[4]));
    assertThrows(FlvFormatException.class, () -> read(unknownType, 100));
    byte[] encrypted = file(tag(0x20 | FlvTag.AUDIO, 0, new byte[4]));
    assertThrows(FlvFormatException.class, () -> read(encrypted, 100));
  }

  @Test
  void rejectsBadHeaders() {
    byte[] signature = HEADER.clone();
    signature[0] = 'X';
    assertThrows(FlvFormatException.class, () -> read(signature, 100));
    byte[] version = HEADER.clone();
    version[3] = 2;
    assertThrows(FlvFormatException.class, () -> read(version, 100));
    byte[] shortOffset = HEADER.clone();
    shortOffset[8] = 8;
    assertThrows(FlvFormatException.class, () -> read(shortOffset, 100));
    byte[] hugeOffset = HEADER.clone();
    hugeOffset[5] = 0x7F;
    assertThrows(FlvFormatException.class, () -> read(hugeOffset, 100));
    byte[] previous = HEADER.clone();
    previous[12] = 1;
    assertThrows(FlvFormatException.class, () -> read(previous, 100));
  }

  @Test
  void readerReturnsNullAtTheEnd() throws IOException {
    FlvReader reader = new FlvReader(new ByteArrayInputStream(HEADER), 10);
    reader.readHeader();
    assertNull(reader.next());
  }

  @Test
  void limitMustFitDataSize() {
    ByteArrayInputStream in = new ByteArrayInputStream(HEADER);
    assertThrows(IllegalArgumentException.class, () -> new FlvReader(in, 0));
    assertThrows(IllegalArgumentException.class, () -> new FlvReader(in, 1 << 24));
  }
}
