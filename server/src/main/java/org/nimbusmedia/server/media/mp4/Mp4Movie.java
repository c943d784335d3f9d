package org.nimbusmedia.server.media.mp4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.nimbusmedia.server.media.FileReads;
import org.nimbusmedia.server.media.MediaFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playable tracks of an MP4/F4V file: the first AVC video track and the first AAC or MP3 audio
 * track, read from the {@code moov} box. Other tracks (and codecs) are left out.
 *
 * @param video the video track, if any
 * @param audio the audio track, if any
 * @param damage why samples were cut off (their data lies past the end of the file), if they were
 */
public record Mp4Movie(
    Optional<Mp4Track> video, Optional<Mp4Track> audio, Optional<String> damage) {
  private static final Logger log = LoggerFactory.getLogger(Mp4Movie.class);

  /** The largest {@code moov} read into memory. */
  static final int MAX_MOOV_SIZE = 64 * 1024 * 1024;

  /** Top-level boxes looked at before giving up on finding {@code moov}. */
  private static final int MAX_TOP_LEVEL_BOXES = 10_000;

  public long durationMillis() {
    return Math.max(
        video.map(Mp4Track::durationMillis).orElse(0L),
        audio.map(Mp4Track::durationMillis).orElse(0L));
  }

  /** Reads the movie of {@code file}; fails when there is no {@code moov} or nothing playable. */
  public static Mp4Movie read(FileChannel file) throws IOException {
    long size = file.size();
    long position = 0;
    ByteBuffer header = ByteBuffer.allocate(16);
    for (int boxes = 0; position + 8 <= size && boxes < MAX_TOP_LEVEL_BOXES; boxes++) {
      header.clear().limit((int) Math.min(16, size - position));
      FileReads.readFully(file, header, position);
      long boxSize = header.getInt(0) & 0xFFFFFFFFL;
      String type = Box.fourCc(header.getInt(4));
      int headerSize = 8;
      if (boxSize == 1) {
        if (header.limit() < 16) {
          break;
        }
        boxSize = header.getLong(8);
        headerSize = 16;
      } else if (boxSize == 0) {
        boxSize = size - position;
      }
      if (boxSize < headerSize) {
        throw new MediaFormatException("box " + type + " at byte " + position + " is too small");
      }
      if (type.equals("moov")) {
        if (boxSize > MAX_MOOV_SIZE) {
          throw new MediaFormatException("moov of " + boxSize + " bytes is over the limit");
        }
        if (position + boxSize > size) {
          throw new MediaFormatException("moov is cut off by the end of the file");
        }
        ByteBuf moov = Unpooled.buffer((int) boxSize - headerSize);
        try {
          FileReads.readInto(file, moov, position + headerSize, (int) boxSize - headerSize);
          return fromMoov(moov, size);
        } finally {
          moov.release();
        }
      }
      position += boxSize;
    }
    throw new MediaFormatException(
        "no moov box: not an MP4 file, or one whose writing never ended");
  }

  private static Mp4Movie fromMoov(ByteBuf moov, long fileSize) throws MediaFormatException {
    Mp4Track video = null;
    Mp4Track audio = null;
    String damage = null;
    for (Box box : Box.children(moov)) {
      if (!box.type().equals("trak")) {
        continue;
      }
      TrackReader.Result result;
      try {
        result = TrackReader.read(box, fileSize);
      } catch (MediaFormatException e) {
        log.debug("track left out: {}", e.getMessage());
        continue;
      }
      if (result == null) {
        continue;
      }
      Mp4Track track = result.track();
      if (track.video() && video == null) {
        video = track;
      } else if (!track.video() && audio == null) {
        audio = track;
      } else {
        continue;
      }
      if (result.damage() != null && damage == null) {
        damage = result.damage();
      }
    }
    if (video == null && audio == null) {
      throw new MediaFormatException("no AVC, AAC or MP3 track");
    }
    return new Mp4Movie(
        Optional.ofNullable(video), Optional.ofNullable(audio), Optional.ofNullable(damage));
  }
}
