package org.nimbusmedia.server.media.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/** FLV recording files (FLV specification E.2-E.5): valid at every flush, indexed at the end. */
class FlvFileWriterTest {
  @TempDir Path folder;

  /** Two seconds of 25 fps video with a keyframe a second and AAC every 23 ms. */
  private static void writeMedia(FlvFileWriter writer, long offset) {
    writer.write(frame(FrameKind.VIDEO, 0, 0x17, 0), offset);
    writer.write(frame(FrameKind.AUDIO, 0, 0xAF, 0), offset);
    long audio = 0;
    for (int i = 0; i < 50; i++) {
      long ts = i * 40L;
      while (audio <= ts) {
        writer.write(frame(FrameKind.AUDIO, audio, 0xAF, 1), offset + audio);
        audio += 23;
      }
      writer.write(frame(FrameKind.VIDEO, ts, i % 25 == 0 ? 0x17 : 0x27, 1), offset + ts);
    }
  }

  private static StreamFrame frame(FrameKind kind, long ts, int first, int second) {
    return new StreamFrame(
        kind, ts, Unpooled.wrappedBuffer(new byte[] {(byte) first, (byte) second, 1, 2, 3}));
  }

  private static FlvIndex scan(Path file) throws Exception {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return FlvIndex.scan(channel);
    }
  }

  private static List<StreamFrame> readAll(Path file) throws Exception {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    List<StreamFrame> frames = new ArrayList<>();
    try (FlvFileSource source =
        new FlvFileSource(channel, FlvIndex.scan(channel), ByteBufAllocator.DEFAULT)) {
      StreamFrame frame;
      while ((frame = source.next()) != null) {
        frames.add(frame);
      }
    }
    return frames;
  }

  @Test
  void aFlushedFileIsValidBeforeItIsFinished() throws Exception {
    Path file = folder.resolve("live.flv");
    FlvFileWriter writer = FlvFileWriter.create(file, Map.of("width", 320.0));
    writeMedia(writer, 0);
    writer.flush();

    FlvIndex index = scan(file);
    assertTrue(index.damage().isEmpty(), index.damage().toString());
    assertEquals(1960, index.lastTimestamp());
    assertEquals(2, index.seekTimes().length);
    writer.close();
  }

  @Test
  void finishWritesDurationSizeAndKeyframeIndex() throws Exception {
    Path file = folder.resolve("done.flv");
    FlvFileWriter writer = FlvFileWriter.create(file, null);
    writeMedia(writer, 0);
    writer.finish(Map.of("width", 320.0, "duration", 99.0));

    List<StreamFrame> frames = readAll(file);
    StreamFrame first = frames.get(0);
    assertEquals(FrameKind.DATA, first.kind());
    List<Object> values = new Amf0Decoder().decodeAll(first.content().duplicate());
    Map<?, ?> metadata = assertInstanceOf(Map.class, values.get(1));
    assertEquals(1.96, metadata.get("duration"));
    assertEquals(320.0, metadata.get("width"));
    assertEquals((double) Files.size(file), metadata.get("filesize"));
    Map<?, ?> keyframes = assertInstanceOf(Map.class, metadata.get("keyframes"));
    assertEquals(List.of(0.0, 1.0), keyframes.get("times"));
    byte[] bytes = Files.readAllBytes(file);
    for (Object position : (List<?>) keyframes.get("filepositions")) {
      int at = ((Double) position).intValue();
      assertEquals(9, bytes[at]);
      assertEquals(0x17, bytes[at + 11]);
      assertEquals(1, bytes[at + 12], "a keyframe, not the sequence header");
    }
    assertEquals(1 + 2 + 50 + 86, frames.size());
    frames.forEach(StreamFrame::release);
  }

  @Test
  void appendContinuesAfterTheLastTagAndCutsADamagedTail() throws Exception {
    Path file = folder.resolve("diary.flv");
    FlvFileWriter writer = FlvFileWriter.create(file, null);
    writeMedia(writer, 0);
    writer.finish(null);
    long whole = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {9, 0, 0}), whole); // a torn tag
    }

    FlvFileWriter appender = FlvFileWriter.append(file, null);
    assertEquals(1960, appender.lastTimestamp());
    writeMedia(appender, 2000);
    appender.finish(null);

    FlvIndex index = scan(file);
    assertTrue(index.damage().isEmpty(), index.damage().toString());
    assertEquals(3960, index.lastTimestamp());
    assertEquals(4, index.seekTimes().length);
  }

  @Test
  void aRecordingInterruptedByACrashIsCutToItsLastWholeTagAndFinished() throws Exception {
    Path file = folder.resolve("killed.flv");
    FlvFileWriter writer = FlvFileWriter.create(file, null);
    writeMedia(writer, 0);
    writer.flush();
    long flushed = Files.size(file);
    writer.close(); // the process dies: no finish
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      // A write the kill cut short: a video tag header that announces 5,000 bytes, and 3 of them.
      channel.write(
          java.nio.ByteBuffer.wrap(
              new byte[] {9, 0, 0x13, (byte) 0x88, 0, 7, (byte) 0xD0, 0, 0, 0, 0, 0x27, 1, 0}),
          flushed);
    }
    assertTrue(scan(file).damage().isPresent(), "the torn tag is seen");
    assertTrue(Files.exists(FlvFileWriter.unfinishedMarker(file)));

    assertTrue(FlvFileWriter.repairUnfinished(file));

    FlvIndex index = scan(file);
    assertTrue(index.damage().isEmpty(), index.damage().toString());
    assertEquals(1960, index.lastTimestamp());
    assertTrue(Files.notExists(FlvFileWriter.unfinishedMarker(file)));
    List<StreamFrame> frames = readAll(file);
    List<Object> values = new Amf0Decoder().decodeAll(frames.get(0).content().duplicate());
    assertEquals(1.96, assertInstanceOf(Map.class, values.get(1)).get("duration"));
    assertEquals(1 + 2 + 50 + 86, frames.size(), "every whole tag is kept");
    frames.forEach(StreamFrame::release);
    assertEquals(false, FlvFileWriter.repairUnfinished(file), "a finished file is left alone");
  }

  @Test
  void aTruncatedFileIsIndexedUpToItsLastWholeTag() throws Exception {
    Path file = folder.resolve("cut.flv");
    FlvFileWriter writer = FlvFileWriter.create(file, null);
    writeMedia(writer, 0);
    writer.finish(null);
    byte[] bytes = Files.readAllBytes(file);
    for (int cut = bytes.length - 1; cut > bytes.length - 40; cut -= 3) {
      Files.write(file, Arrays.copyOf(bytes, cut));
      FlvIndex index = scan(file);
      assertTrue(index.damage().isPresent(), "cut at " + cut);
      assertTrue(index.dataEnd() <= cut);
    }
  }

  @Test
  void aCorruptSizeStopsTheIndexThere() throws Exception {
    Path file = folder.resolve("bad.flv");
    FlvFileWriter writer = FlvFileWriter.create(file, null);
    writeMedia(writer, 0);
    writer.finish(null);
    byte[] bytes = Files.readAllBytes(file);
    FlvIndex intact = scan(file);
    int middle = (int) intact.seekOffsets()[1];
    bytes[middle + 1] = (byte) 0x7F; // DataSize of the second keyframe's tag
    Files.write(file, bytes);

    FlvIndex index = scan(file);
    assertTrue(index.damage().isPresent());
    assertEquals(middle, index.dataEnd());
    assertEquals(1, index.seekTimes().length);
  }

  @Test
  void notAnFlvFileIsRefused() throws Exception {
    Path file = folder.resolve("text.flv");
    Files.writeString(file, "hello, this is not a video");
    org.junit.jupiter.api.Assertions.assertThrows(
        org.nimbusmedia.server.media.MediaFormatException.class, () -> scan(file));
  }
}
