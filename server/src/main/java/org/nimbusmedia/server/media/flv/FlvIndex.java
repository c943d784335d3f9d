package org.nimbusmedia.server.media.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Optional;
import org.nimbusmedia.server.media.FileReads;
import org.nimbusmedia.server.media.MediaFormatException;

/**
 * What one scan of an FLV file's tag headers finds: where its tags start and where the last intact
 * tag ends, its seek points (video keyframes, or audio every half second in a file without video),
 * the first {@code onMetaData} and sequence headers, and its length. The scan checks every tag
 * header (type, size within the file, PreviousTagSize) and stops at the first that is wrong, so a
 * file truncated by a crash is indexed up to its last whole tag.
 *
 * @param dataStart offset of the first tag
 * @param dataEnd offset just after the last intact tag (and its PreviousTagSize)
 * @param seekTimes seek point timestamps, ascending
 * @param seekOffsets seek point tag offsets
 * @param keyframes whether the seek points are video keyframes
 * @param metadataOffset the first {@code onMetaData} script tag, or -1
 * @param videoConfigOffset the first video sequence header, or -1
 * @param audioConfigOffset the first AAC sequence header, or -1
 * @param lastTimestamp the largest tag timestamp
 * @param damage why the scan stopped before the end of the file, if it did
 */
public record FlvIndex(
    long dataStart,
    long dataEnd,
    long[] seekTimes,
    long[] seekOffsets,
    boolean keyframes,
    long metadataOffset,
    long videoConfigOffset,
    long audioConfigOffset,
    long lastTimestamp,
    Optional<String> damage) {

  private static final int AUDIO_SEEK_SPACING_MILLIS = 500;
  private static final int PEEK = 13; // "onMetaData" as an AMF0 string: 1 + 2 + 10 bytes
  private static final byte[] ON_METADATA = {
    0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a'
  };

  /** The seek point at or before {@code millis}; the first when there is none before. */
  public int seekPointAtOrBefore(long millis) {
    int found = Arrays.binarySearch(seekTimes, millis);
    if (found >= 0) {
      // The first of equal timestamps.
      while (found > 0 && seekTimes[found - 1] == millis) {
        found--;
      }
      return found;
    }
    int insertion = -found - 1;
    return Math.max(0, insertion - 1);
  }

  /** Scans {@code file}; fails only when it is not an FLV file at all. */
  public static FlvIndex scan(FileChannel file) throws IOException {
    long size = file.size();
    ByteBuffer header;
    try {
      header = FileReads.readFully(file, ByteBuffer.allocate(FlvFormat.HEADER_SIZE), 0);
    } catch (java.io.EOFException e) {
      throw new MediaFormatException("shorter than an FLV header");
    }
    if (header.get(0) != 'F' || header.get(1) != 'L' || header.get(2) != 'V') {
      throw new MediaFormatException("no FLV signature");
    }
    long dataOffset = header.getInt(5) & 0xFFFFFFFFL;
    if (dataOffset < FlvFormat.HEADER_SIZE || dataOffset > FlvFormat.MAX_DATA_OFFSET) {
      throw new MediaFormatException("FLV DataOffset " + dataOffset + " out of 9..1024");
    }
    Scan scan = new Scan(dataOffset + FlvFormat.PREVIOUS_TAG_SIZE);
    ByteBuffer tag = ByteBuffer.allocate(FlvFormat.TAG_HEADER_SIZE + PEEK);
    ByteBuffer previous = ByteBuffer.allocate(FlvFormat.PREVIOUS_TAG_SIZE);
    long position = scan.dataStart;
    String damage = null;
    while (position < size) {
      if (position + FlvFormat.TAG_HEADER_SIZE + FlvFormat.PREVIOUS_TAG_SIZE > size) {
        damage = "truncated tag header at byte " + position;
        break;
      }
      tag.clear().limit((int) Math.min(tag.capacity(), size - position));
      FileReads.readFully(file, tag, position);
      int type = tag.get(0) & 0xFF;
      int dataSize = ((tag.get(1) & 0xFF) << 16) | ((tag.get(2) & 0xFF) << 8) | (tag.get(3) & 0xFF);
      long timestamp =
          (((tag.get(7) & 0xFFL) << 24)
              | ((tag.get(4) & 0xFF) << 16)
              | ((tag.get(5) & 0xFF) << 8)
              | (tag.get(6) & 0xFF));
      if (type != FlvFormat.TAG_AUDIO
          && type != FlvFormat.TAG_VIDEO
          && type != FlvFormat.TAG_SCRIPT) {
        damage = "tag type " + type + " at byte " + position + " is not audio, video or data";
        break;
      }
      long end = position + FlvFormat.TAG_HEADER_SIZE + dataSize;
      if (end + FlvFormat.PREVIOUS_TAG_SIZE > size) {
        damage = "tag at byte " + position + " is cut off by the end of the file";
        break;
      }
      long previousSize = FileReads.readFully(file, previous.clear(), end).getInt(0) & 0xFFFFFFFFL;
      if (previousSize != FlvFormat.TAG_HEADER_SIZE + dataSize) {
        damage = "PreviousTagSize " + previousSize + " at byte " + end + " does not match its tag";
        break;
      }
      scan.tag(type, timestamp, position, tag, dataSize);
      position = end + FlvFormat.PREVIOUS_TAG_SIZE;
    }
    return scan.finish(position, Optional.ofNullable(damage));
  }

  /** The scan's running state. */
  private static final class Scan {
    final long dataStart;
    long[] keyTimes = new long[64];
    long[] keyOffsets = new long[64];
    int keys;
    long[] audioTimes = new long[64];
    long[] audioOffsets = new long[64];
    int audios;
    long lastAudioPoint = Long.MIN_VALUE;
    long metadata = -1;
    long videoConfig = -1;
    long audioConfig = -1;
    long lastTimestamp;

    Scan(long dataStart) {
      this.dataStart = dataStart;
    }

    void tag(int type, long timestamp, long offset, ByteBuffer head, int dataSize) {
      int bodyStart = FlvFormat.TAG_HEADER_SIZE;
      int first = dataSize > 0 ? head.get(bodyStart) & 0xFF : -1;
      int second = dataSize > 1 ? head.get(bodyStart + 1) & 0xFF : -1;
      if (type == FlvFormat.TAG_SCRIPT) {
        if (metadata < 0 && dataSize >= PEEK && isOnMetaData(head)) {
          metadata = offset;
        }
        return;
      }
      lastTimestamp = Math.max(lastTimestamp, timestamp);
      if (type == FlvFormat.TAG_VIDEO && first >= 0) {
        boolean enhanced = (first & 0x80) != 0;
        int frameType = enhanced ? (first >> 4) & 0x07 : first >> 4;
        boolean sequenceHeader =
            enhanced
                ? (first & 0x0F) == 0
                : ((first & 0x0F) == 7 || (first & 0x0F) == 12) && second == 0;
        if (sequenceHeader) {
          if (videoConfig < 0) {
            videoConfig = offset;
          }
        } else if (frameType == 1) {
          if (keys == keyTimes.length) {
            keyTimes = Arrays.copyOf(keyTimes, keys * 2);
            keyOffsets = Arrays.copyOf(keyOffsets, keys * 2);
          }
          keyTimes[keys] = timestamp;
          keyOffsets[keys++] = offset;
        }
      } else if (type == FlvFormat.TAG_AUDIO && first >= 0) {
        if (first >> 4 == 10 && second == 0) {
          if (audioConfig < 0) {
            audioConfig = offset;
          }
        } else if (timestamp >= lastAudioPoint + AUDIO_SEEK_SPACING_MILLIS
            || lastAudioPoint == Long.MIN_VALUE) {
          if (audios == audioTimes.length) {
            audioTimes = Arrays.copyOf(audioTimes, audios * 2);
            audioOffsets = Arrays.copyOf(audioOffsets, audios * 2);
          }
          audioTimes[audios] = timestamp;
          audioOffsets[audios++] = offset;
          lastAudioPoint = timestamp;
        }
      }
    }

    private static boolean isOnMetaData(ByteBuffer head) {
      for (int i = 0; i < PEEK; i++) {
        if (head.get(FlvFormat.TAG_HEADER_SIZE + i) != ON_METADATA[i]) {
          return false;
        }
      }
      return true;
    }

    FlvIndex finish(long dataEnd, Optional<String> damage) {
      boolean video = keys > 0;
      long[] times = video ? Arrays.copyOf(keyTimes, keys) : Arrays.copyOf(audioTimes, audios);
      long[] offsets =
          video ? Arrays.copyOf(keyOffsets, keys) : Arrays.copyOf(audioOffsets, audios);
      keepAscending(times, offsets);
      return new FlvIndex(
          dataStart,
          dataEnd,
          times,
          offsets,
          video,
          metadata,
          videoConfig,
          audioConfig,
          lastTimestamp,
          damage);
    }

    /**
     * Seek points must be ascending for the binary search; a file whose timestamps jump back (two
     * recordings appended badly) keeps only the points that go forward.
     */
    private static void keepAscending(long[] times, long[] offsets) {
      long last = Long.MIN_VALUE;
      for (int i = 0; i < times.length; i++) {
        if (times[i] < last) {
          times[i] = last;
        }
        last = times[i];
      }
    }
  }
}
