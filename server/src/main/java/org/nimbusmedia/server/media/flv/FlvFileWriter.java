package org.nimbusmedia.server.media.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.server.media.FileReads;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * Writes a recording as an FLV file that is valid at every flush: tags are appended whole and in
 * order, so a process killed mid-recording leaves a file that ends at its last flushed tag (and
 * {@link FlvIndex} reads it). The {@code onMetaData} at the start says duration 0 while recording,
 * which makes ffmpeg take the length from the last tag; {@link #finish} rewrites the file once with
 * the real duration, file size and keyframe index ({@code keyframes.filepositions/times}, the
 * convention players use to seek in FLV files without an index of their own).
 *
 * <p>Used by one thread at a time.
 */
public final class FlvFileWriter {
  private static final String[] COMPUTED = {
    "duration", "filesize", "keyframes", "lasttimestamp", "lastkeyframetimestamp"
  };

  private final Path path;
  private final FileChannel file;
  private final long tagsStart;
  private final ByteBuf pending = Unpooled.buffer(64 * 1024);
  private final List<Double> keyframePositions = new ArrayList<>();
  private final List<Double> keyframeTimes = new ArrayList<>();
  private long written;
  private long lastTimestamp;
  private boolean sawAudio;
  private boolean sawVideo;

  private FlvFileWriter(Path path, FileChannel file, long tagsStart, long written) {
    this.path = path;
    this.file = file;
    this.tagsStart = tagsStart;
    this.written = written;
  }

  /** A new file at {@code path} (replacing any), starting with {@code metadata} and duration 0. */
  public static FlvFileWriter create(Path path, Map<String, Object> metadata) throws IOException {
    FileChannel file =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    try {
      ByteBuf start = Unpooled.buffer();
      try {
        start.writeBytes(FlvFormat.fileHeader(true, true));
        writeOwnedTag(
            start, FlvFormat.TAG_SCRIPT, 0, metadataBody(metadata, 0, 0, List.of(), List.of()));
        long size = start.readableBytes();
        file.write(start.nioBuffer(), 0);
        markUnfinished(path);
        return new FlvFileWriter(path, file, size, size);
      } finally {
        start.release();
      }
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * The FLV file at {@code path} opened for appending after its last intact tag (a damaged tail is
   * cut off); a missing file is created. {@link #lastTimestamp()} tells where its media ends.
   */
  public static FlvFileWriter append(Path path, Map<String, Object> metadata) throws IOException {
    if (!Files.exists(path) || Files.size(path) == 0) {
      return create(path, metadata);
    }
    FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FlvIndex index = FlvIndex.scan(file);
      file.truncate(index.dataEnd());
      long tagsStart = index.dataStart();
      if (index.metadataOffset() == index.dataStart()) {
        ByteBuffer size = ByteBuffer.allocate(3);
        FileReads.readFully(file, size, tagsStart + 1);
        int dataSize =
            ((size.get(0) & 0xFF) << 16) | ((size.get(1) & 0xFF) << 8) | (size.get(2) & 0xFF);
        tagsStart += FlvFormat.TAG_HEADER_SIZE + dataSize + FlvFormat.PREVIOUS_TAG_SIZE;
      }
      FlvFileWriter writer = new FlvFileWriter(path, file, tagsStart, index.dataEnd());
      writer.lastTimestamp = index.lastTimestamp();
      if (index.keyframes()) {
        writer.sawVideo = true;
        for (int i = 0; i < index.seekTimes().length; i++) {
          writer.keyframePositions.add((double) index.seekOffsets()[i]);
          writer.keyframeTimes.add(index.seekTimes()[i] / 1000.0);
        }
      }
      writer.sawAudio = index.audioConfigOffset() >= 0 || !index.keyframes();
      markUnfinished(path);
      return writer;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** The largest timestamp written so far (of the existing file, for an append). */
  public long lastTimestamp() {
    return lastTimestamp;
  }

  /** Bytes in the file once what is pending is flushed. */
  public long size() {
    return written + pending.readableBytes();
  }

  /**
   * Adds {@code frame} as a tag stamped {@code timestamp}; it reaches the file at the next flush.
   */
  public void write(StreamFrame frame, long timestamp) {
    int type =
        switch (frame.kind()) {
          case AUDIO -> FlvFormat.TAG_AUDIO;
          case VIDEO -> FlvFormat.TAG_VIDEO;
          case DATA -> FlvFormat.TAG_SCRIPT;
        };
    if (frame.kind() == FrameKind.VIDEO) {
      sawVideo = true;
      if (frame.isKeyframe() && !frame.isSequenceHeader()) {
        keyframePositions.add((double) size());
        keyframeTimes.add(timestamp / 1000.0);
      }
    } else if (frame.kind() == FrameKind.AUDIO) {
      sawAudio = true;
    }
    if (frame.kind() != FrameKind.DATA) {
      lastTimestamp = Math.max(lastTimestamp, timestamp);
    }
    writeTag(pending, type, timestamp, frame.content().duplicate());
  }

  /** Writes the pending tags to the file (whole tags only). */
  public void flush() throws IOException {
    while (pending.isReadable()) {
      int n = file.write(pending.nioBuffer(), written);
      pending.skipBytes(n);
      written += n;
    }
    pending.clear();
  }

  /**
   * Flushes, then replaces the file with one whose {@code onMetaData} holds {@code metadata} and
   * the real duration, size and keyframe index; the old file stays until the new one is complete.
   */
  public void finish(Map<String, Object> metadata) throws IOException {
    try {
      flush();
      Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
      long tagsLength = written - tagsStart;
      int metadataTagSize =
          sizeOfTag(metadataBody(metadata, 0, 0, keyframePositions, keyframeTimes));
      long newTagsStart = FlvFormat.fileHeader(true, true).length + metadataTagSize;
      List<Double> positions = new ArrayList<>(keyframePositions.size());
      for (double old : keyframePositions) {
        positions.add(old - tagsStart + newTagsStart);
      }
      long fileSize = newTagsStart + tagsLength;
      ByteBuf start = Unpooled.buffer();
      try (FileChannel out =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        start.writeBytes(FlvFormat.fileHeader(sawAudio, sawVideo));
        writeOwnedTag(
            start,
            FlvFormat.TAG_SCRIPT,
            0,
            metadataBody(metadata, lastTimestamp / 1000.0, fileSize, positions, keyframeTimes));
        // Not positional: transferTo below appends at the channel's position.
        ByteBuffer head = start.nioBuffer();
        while (head.hasRemaining()) {
          out.write(head);
        }
        long copied = 0;
        while (copied < tagsLength) {
          long n = file.transferTo(tagsStart + copied, tagsLength - copied, out);
          if (n <= 0) {
            throw new IOException("copying the recording stopped at byte " + copied);
          }
          copied += n;
        }
        out.force(true);
      } finally {
        start.release();
      }
      Files.move(
          temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(unfinishedMarker(path));
    } finally {
      close();
    }
  }

  /** The sibling that exists while {@code path} is being recorded, and after a crash. */
  public static Path unfinishedMarker(Path path) {
    return path.resolveSibling(path.getFileName() + ".recording");
  }

  private static void markUnfinished(Path path) throws IOException {
    if (!Files.exists(unfinishedMarker(path))) {
      Files.createFile(unfinishedMarker(path));
    }
  }

  /**
   * Finishes a recording that a crash interrupted, if {@code path} is one (its marker is there):
   * the part of a tag after the last whole one is cut off and the file is rewritten with its
   * duration, size and keyframe index. The caller makes sure no one is recording into it now.
   *
   * @return whether the file was an interrupted recording and is now finished
   */
  public static boolean repairUnfinished(Path path) throws IOException {
    if (!Files.exists(unfinishedMarker(path))) {
      return false;
    }
    append(path, null).finish(null);
    return true;
  }

  /** Closes the file as it is (valid up to the last flush), releasing what is pending. */
  public void close() {
    if (pending.refCnt() > 0) {
      pending.release();
    }
    try {
      file.close();
    } catch (IOException e) {
      // Every flush already wrote through; closing loses nothing.
    }
  }

  /** The body of an {@code onMetaData} script tag, in a new buffer the caller owns. */
  private static ByteBuf metadataBody(
      Map<String, Object> source,
      double duration,
      double fileSize,
      List<Double> positions,
      List<Double> times) {
    AmfEcmaArray metadata = new AmfEcmaArray();
    metadata.putAll(Optional.ofNullable(source).orElse(Map.of()));
    for (String key : COMPUTED) {
      metadata.remove(key);
    }
    metadata.put("duration", duration);
    metadata.put("filesize", fileSize);
    if (!positions.isEmpty()) {
      metadata.put(
          "keyframes",
          AmfObject.of("filepositions", List.copyOf(positions), "times", List.copyOf(times)));
    }
    ByteBuf body = Unpooled.buffer();
    new Amf0Encoder().encodeAll(List.of("onMetaData", metadata), body);
    return body;
  }

  private static int sizeOfTag(ByteBuf body) {
    try {
      return FlvFormat.TAG_HEADER_SIZE + body.readableBytes() + FlvFormat.PREVIOUS_TAG_SIZE;
    } finally {
      body.release();
    }
  }

  /** Appends one tag and its PreviousTagSize to {@code out}; consumes {@code body}'s bytes. */
  private static void writeTag(ByteBuf out, int type, long timestamp, ByteBuf body) {
    int size = body.readableBytes();
    out.writeByte(type);
    out.writeMedium(size);
    out.writeMedium((int) (timestamp & 0xFFFFFF));
    out.writeByte((int) ((timestamp >> 24) & 0xFF));
    out.writeMedium(0);
    out.writeBytes(body);
    out.writeInt(FlvFormat.TAG_HEADER_SIZE + size);
  }

  /** Appends a tag whose body is a buffer of ours, and releases it. */
  private static void writeOwnedTag(ByteBuf out, int type, long timestamp, ByteBuf body) {
    try {
      writeTag(out, type, timestamp, body);
    } finally {
      body.release();
    }
  }
}
