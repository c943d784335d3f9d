package org.nimbusmedia.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmp.testing.TrackedAllocator;
import org.nimbusmedia.server.media.flv.FlvFileSource;
import org.nimbusmedia.server.media.flv.FlvIndex;
import org.nimbusmedia.server.media.mp4.Mp4FileSource;
import org.nimbusmedia.server.media.mp4.Mp4Movie;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * Fuzz test of the VOD file readers (FUZZING.md): the input is written to a file, indexed ({@link
 * FlvIndex#scan}, {@link Mp4Movie#read}) and played from the start and again from a seek to the
 * middle, as a player would. For any file the readers return frames or throw {@link
 * MediaFormatException}, never anything else; the heap they allocate stays proportional to the file
 * (a few bytes in a box cannot make the server allocate megabytes); every frame buffer is released.
 * Seeds: small FLV, MP4 and F4V files made by ffmpeg (H.264 with AAC, B-frames, moov at either end,
 * MP3 only, Sorenson only).
 */
class MediaReaderFuzzTest {

  /** Heap a file may cost beyond its own size times {@link #BYTES_PER_FILE_BYTE}. */
  private static final long FIXED_ALLOCATION = 1L << 20;

  /**
   * Index entries per file byte: an FLV tag (15 bytes at least) adds two longs to the seek table;
   * an MP4 sample (4 bytes of {@code stsz}) becomes an offset, a size, a time and a composition
   * offset (24 bytes), read twice when the frames are played.
   */
  private static final long BYTES_PER_FILE_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static Path file;

  @FuzzTest
  @Timeout(10)
  void flv(byte[] input) throws IOException {
    play(input, (channel, buffers) -> new FlvFileSource(channel, FlvIndex.scan(channel), buffers));
  }

  @FuzzTest
  @Timeout(10)
  void mp4(byte[] input) throws IOException {
    play(input, (channel, buffers) -> new Mp4FileSource(channel, Mp4Movie.read(channel), buffers));
  }

  private interface Opener {
    MediaSource open(FileChannel channel, ByteBufAllocator buffers) throws IOException;
  }

  private void play(byte[] input, Opener opener) throws IOException {
    Files.write(fileFor(), input);
    // The first pass loads classes and fills caches, which the thread's allocation counter would
    // charge to the file; the second is measured.
    playOnce(input.length, opener, Long.MAX_VALUE);
    playOnce(input.length, opener, FIXED_ALLOCATION + BYTES_PER_FILE_BYTE * input.length);
  }

  private static void playOnce(int length, Opener opener, long allocationBound) throws IOException {
    TrackedAllocator tracked = new TrackedAllocator();
    long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
    try (FileChannel channel = FileChannel.open(fileFor(), StandardOpenOption.READ)) {
      MediaSource source;
      try {
        source = opener.open(channel, tracked.allocator());
      } catch (MediaFormatException notMedia) {
        return;
      }
      try (source) {
        drain(source);
        source.seek(source.durationMillis() / 2);
        drain(source);
      } catch (MediaFormatException damaged) {
        // A damaged frame ends playing; in the server the player gets NetStream.Play.Failed.
      }
    } finally {
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
      assertTrue(
          allocated <= allocationBound,
          "a file of " + length + " bytes made the reader allocate " + allocated + " bytes");
    }
    assertEquals(0, tracked.liveBytes(), "frame bytes never released");
  }

  private static void drain(MediaSource source) throws IOException {
    for (StreamFrame frame; (frame = source.next()) != null; ) {
      frame.release();
    }
  }

  private static synchronized Path fileFor() {
    if (file == null) {
      try {
        file = Files.createTempFile("nimbus-media-fuzz", ".bin");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      file.toFile().deleteOnExit();
    }
    return file;
  }
}
