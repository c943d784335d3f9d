package org.nimbusmedia.server.media.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.media.MediaFormatException;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * The MP4 demuxer on hand-built files (ISO/IEC 14496-12 boxes): samples become FLV tag bodies with
 * their times, seeks land on sync samples, and every count or size that does not fit is refused.
 */
class Mp4MovieTest {
  private static final int SAMPLES = 50; // 2 s at 25 fps, sync samples 1 and 26
  private static final byte[] AVCC = {1, 0x64, 0, 0x1f, (byte) 0xFF, (byte) 0xE1, 0, 0};

  @TempDir Path folder;

  // ---- a minimal file: ftyp, moov with one AVC track, mdat with 50 samples of 4 bytes

  private static byte[] box(String type, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    return ByteBuffer.allocate(8 + content.size())
        .putInt(8 + content.size())
        .put(type.getBytes(StandardCharsets.ISO_8859_1))
        .put(content.toByteArray())
        .array();
  }

  private static byte[] ints(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
    for (long value : values) {
      buffer.putInt((int) value);
    }
    return buffer.array();
  }

  private record Tables(long stszCount, long sttsEntries, long chunkOffset) {}

  private static Tables normal(long mdatData) {
    return new Tables(SAMPLES, 1, mdatData);
  }

  private static byte[] moov(Tables t) {
    byte[] avc1 = new byte[78];
    ByteBuffer.wrap(avc1).putShort(24, (short) 320).putShort(26, (short) 240);
    long[] sizes = new long[SAMPLES];
    java.util.Arrays.fill(sizes, 4);
    byte[] stsz = box("stsz", ints(0, 0, t.stszCount), ints(sizes));
    byte[] stbl =
        box(
            "stbl",
            box("stsd", ints(0, 1), box("avc1", avc1, box("avcC", AVCC))),
            box("stts", ints(0, t.sttsEntries, SAMPLES, 40)),
            box("stss", ints(0, 2, 1, 26)),
            box("stsc", ints(0, 1, 1, SAMPLES, 1)),
            stsz,
            box("stco", ints(0, 1, t.chunkOffset)));
    byte[] mdia =
        box(
            "mdia",
            box("mdhd", ints(0, 0, 0, 1000, 2000, 0)),
            box(
                "hdlr",
                ints(0, 0),
                "vide".getBytes(StandardCharsets.ISO_8859_1),
                ints(0, 0, 0),
                new byte[1]),
            box("minf", stbl));
    return box("moov", box("mvhd", new byte[100]), box("trak", box("tkhd", new byte[84]), mdia));
  }

  private Path file(java.util.function.LongFunction<Tables> tables) throws Exception {
    byte[] ftyp = box("ftyp", "isom".getBytes(StandardCharsets.ISO_8859_1), ints(0));
    byte[] samples = new byte[SAMPLES * 4];
    for (int i = 0; i < SAMPLES; i++) {
      samples[i * 4] = (byte) i;
    }
    byte[] mdat = box("mdat", samples);
    long mdatData = ftyp.length + 8;
    byte[] moov = moov(tables.apply(mdatData));
    Path file = folder.resolve("movie.mp4");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ftyp);
    out.writeBytes(mdat);
    out.writeBytes(moov); // at the end, as ffmpeg writes it without faststart
    Files.write(file, out.toByteArray());
    return file;
  }

  private static Mp4Movie read(Path file) throws Exception {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return Mp4Movie.read(channel);
    }
  }

  private static List<StreamFrame> play(Path file, long seekTo) throws Exception {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    List<StreamFrame> frames = new ArrayList<>();
    try (Mp4FileSource source =
        new Mp4FileSource(channel, Mp4Movie.read(channel), ByteBufAllocator.DEFAULT)) {
      if (seekTo >= 0) {
        source.seek(seekTo);
      }
      StreamFrame frame;
      while ((frame = source.next()) != null) {
        frames.add(frame);
      }
    }
    return frames;
  }

  @Test
  void samplesBecomeFlvVideoTagsAfterMetadataAndSequenceHeader() throws Exception {
    List<StreamFrame> frames = play(file(Mp4MovieTest::normal), -1);

    assertEquals(FrameKind.DATA, frames.get(0).kind());
    StreamFrame header = frames.get(1);
    assertTrue(header.isSequenceHeader());
    assertEquals(0x17, header.content().getUnsignedByte(0));
    assertEquals(5 + AVCC.length, header.content().readableBytes());
    StreamFrame first = frames.get(2);
    assertTrue(first.isKeyframe());
    assertEquals(0, first.timestamp());
    assertEquals(9, first.content().readableBytes(), "5-byte AVC header + the 4-byte sample");
    StreamFrame second = frames.get(3);
    assertEquals(0x27, second.content().getUnsignedByte(0));
    assertEquals(40, second.timestamp());
    assertEquals(1, second.content().getUnsignedByte(5), "the sample's own bytes");
    assertEquals(2 + SAMPLES, frames.size());
    assertTrue(frames.get(27).isKeyframe(), "sync sample 26");
    frames.forEach(StreamFrame::release);
  }

  @Test
  void seekLandsOnTheSyncSampleAtOrBefore() throws Exception {
    List<StreamFrame> frames = play(file(Mp4MovieTest::normal), 1_500);

    assertEquals(0, frames.get(0).timestamp(), "metadata stamped 0");
    assertEquals(1_000, frames.get(1).timestamp(), "sequence header at the seek point");
    assertTrue(frames.get(2).isKeyframe());
    assertEquals(1_000, frames.get(2).timestamp());
    assertEquals(2 + 25, frames.size());
    frames.forEach(StreamFrame::release);
  }

  @Test
  void aSampleCountOverTheLimitIsRefused() throws Exception {
    Path file = file(offset -> new Tables(TrackReader.MAX_SAMPLES + 1L, 1, offset));
    assertThrows(MediaFormatException.class, () -> read(file));
  }

  @Test
  void aTableThatClaimsMoreEntriesThanItsBoxHoldsIsRefused() throws Exception {
    Path sizes = file(offset -> new Tables(SAMPLES + 1_000, 1, offset));
    assertThrows(MediaFormatException.class, () -> read(sizes));
    Path times = file(offset -> new Tables(SAMPLES, 0x7FFF_FFFFL, offset));
    assertThrows(MediaFormatException.class, () -> read(times));
  }

  @Test
  void samplesPastTheEndOfTheFileAreCutOffAndReported() throws Exception {
    long size = Files.size(file(Mp4MovieTest::normal));
    // The chunk starts 100 bytes before the end: 25 samples of 4 bytes fit, 25 do not.
    Path file = file(offset -> new Tables(SAMPLES, 1, size - 100));
    Mp4Movie movie = read(file);

    assertTrue(movie.damage().isPresent());
    assertEquals(25, movie.video().orElseThrow().sampleCount());
  }

  @Test
  void aUniformSampleSizeDeclaresNoMoreSamplesThanTheFileHolds() throws Exception {
    Path file = file(Mp4MovieTest::normal);
    byte[] bytes = Files.readAllBytes(file);
    // stsz: version/flags, sample_size 4 for all, sample_count four million (ISO 14496-12 8.7.3).
    int stsz = indexOf(bytes, "stsz") + 4;
    ByteBuffer.wrap(bytes).putInt(stsz + 4, 4).putInt(stsz + 8, 4_000_000);
    Files.write(file, bytes);

    Mp4Movie movie = read(file);

    assertEquals(SAMPLES, movie.video().orElseThrow().sampleCount(), "what stts and stco cover");
    assertTrue(movie.damage().orElseThrow().contains("declares 4000000 samples"), movie.toString());
  }

  @Test
  void aBoxLargerThanItsParentIsRefused() throws Exception {
    Path file = file(Mp4MovieTest::normal);
    byte[] bytes = Files.readAllBytes(file);
    int trak = indexOf(bytes, "trak") - 4;
    ByteBuffer.wrap(bytes).putInt(trak, 1_000_000);
    Files.write(file, bytes);
    assertThrows(MediaFormatException.class, () -> read(file));
  }

  @Test
  void aFileWithoutMoovIsRefused() throws Exception {
    Path file = folder.resolve("cut.mp4");
    Files.write(file, box("ftyp", "isom".getBytes(StandardCharsets.ISO_8859_1), ints(0)));
    assertThrows(MediaFormatException.class, () -> read(file));
  }

  private static int indexOf(byte[] bytes, String type) {
    byte[] needle = type.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(type);
  }
}
