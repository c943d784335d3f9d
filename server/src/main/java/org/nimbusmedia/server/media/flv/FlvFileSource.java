package org.nimbusmedia.server.media.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Optional;
import org.nimbusmedia.server.media.FileReads;
import org.nimbusmedia.server.media.MediaFormatException;
import org.nimbusmedia.server.media.MediaSource;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * Plays an FLV file: tags in file order from a seek point up to the end of the intact data that
 * {@link FlvIndex} found. After a seek the {@code onMetaData} and sequence headers from the start
 * of the file are sent first, so a player (or rtmpdump writing a file) can decode from there.
 */
public final class FlvFileSource implements MediaSource {
  private final FileChannel file;
  private final FlvIndex index;
  private final ByteBufAllocator allocator;
  private final ByteBuffer header = ByteBuffer.allocate(FlvFormat.TAG_HEADER_SIZE);
  private final ArrayDeque<Long> preamble = new ArrayDeque<>();
  private long preambleTimestamp;
  private long position;

  /** Takes ownership of {@code file}. */
  public FlvFileSource(FileChannel file, FlvIndex index, ByteBufAllocator allocator) {
    this.file = file;
    this.index = index;
    this.allocator = allocator;
    this.position = index.dataStart();
  }

  @Override
  public long durationMillis() {
    return index.lastTimestamp();
  }

  @Override
  public long seek(long millis) {
    preamble.clear();
    if (millis <= 0 || index.seekTimes().length == 0) {
      position = index.dataStart();
      return 0;
    }
    int point = index.seekPointAtOrBefore(millis);
    position = index.seekOffsets()[point];
    preambleTimestamp = index.seekTimes()[point];
    for (long offset :
        new long[] {index.metadataOffset(), index.videoConfigOffset(), index.audioConfigOffset()}) {
      if (offset >= 0 && offset < position) {
        preamble.add(offset);
      }
    }
    return preambleTimestamp;
  }

  @Override
  public StreamFrame next() throws IOException {
    Long headerTag = preamble.poll();
    if (headerTag != null) {
      StreamFrame frame = readTag(headerTag);
      try {
        // Metadata at 0: ffmpeg takes a script tag stamped later for a subtitle stream.
        return frame.retainedWithTimestamp(frame.kind() == FrameKind.DATA ? 0 : preambleTimestamp);
      } finally {
        frame.release();
      }
    }
    if (position >= index.dataEnd()) {
      return null;
    }
    StreamFrame frame = readTag(position);
    position +=
        FlvFormat.TAG_HEADER_SIZE + frame.content().readableBytes() + FlvFormat.PREVIOUS_TAG_SIZE;
    return frame;
  }

  private StreamFrame readTag(long offset) throws IOException {
    FileReads.readFully(file, header.clear(), offset);
    int type = header.get(0) & 0xFF;
    int dataSize =
        ((header.get(1) & 0xFF) << 16) | ((header.get(2) & 0xFF) << 8) | (header.get(3) & 0xFF);
    long timestamp =
        ((header.get(7) & 0xFFL) << 24)
            | ((header.get(4) & 0xFF) << 16)
            | ((header.get(5) & 0xFF) << 8)
            | (header.get(6) & 0xFF);
    FrameKind kind =
        switch (type) {
          case FlvFormat.TAG_AUDIO -> FrameKind.AUDIO;
          case FlvFormat.TAG_VIDEO -> FrameKind.VIDEO;
          case FlvFormat.TAG_SCRIPT -> FrameKind.DATA;
          default -> throw new MediaFormatException("tag type " + type + " at byte " + offset);
        };
    if (offset + FlvFormat.TAG_HEADER_SIZE + dataSize > index.dataEnd()) {
      // The file changed since it was indexed.
      throw new MediaFormatException("tag at byte " + offset + " runs past the indexed data");
    }
    ByteBuf body = FileReads.read(file, allocator, offset + FlvFormat.TAG_HEADER_SIZE, dataSize);
    return new StreamFrame(kind, timestamp, body);
  }

  @Override
  public Optional<String> damage() {
    return index.damage();
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      // Read-only: nothing is lost.
    }
  }
}
