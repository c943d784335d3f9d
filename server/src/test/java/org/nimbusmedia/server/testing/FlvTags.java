package org.nimbusmedia.server.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tags of an FLV file that ffmpeg wrote (FLV 10.1 annex E): each tag's type (8 audio, 9 video,
 * 18 script data), timestamp and body, which are exactly an RTMP message's type, timestamp and
 * payload. For tests that publish real media through a client of ours.
 */
public final class FlvTags {
  private static final int HEADER = 9;
  private static final int MAX_TAG = 16 << 20;

  /** One tag. */
  public record Tag(int type, long timestamp, byte[] body) {}

  private FlvTags() {}

  public static List<Tag> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    if (in.remaining() < HEADER + 4 || in.get(0) != 'F' || in.get(1) != 'L' || in.get(2) != 'V') {
      throw new IOException(file + " is not an FLV file");
    }
    in.position(in.getInt(5) + 4);
    List<Tag> tags = new ArrayList<>();
    while (in.remaining() >= 11) {
      int type = in.get() & 0x1f;
      int size = (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
      long timestamp = (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
      timestamp |= (long) (in.get() & 0xff) << 24;
      in.position(in.position() + 3); // stream id, always 0
      if (size > MAX_TAG || in.remaining() < size + 4) {
        break; // a truncated last tag
      }
      byte[] body = new byte[size];
      in.get(body);
      in.getInt(); // previous tag size
      tags.add(new Tag(type, timestamp, body));
    }
    return tags;
  }
}
