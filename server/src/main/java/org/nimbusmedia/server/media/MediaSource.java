package org.nimbusmedia.server.media;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * A media file opened for playing: frames in decoding order with their file timestamps. After
 * opening and after every {@link #seek} the first frames are what a player needs before media: the
 * metadata ({@code onMetaData}) and the codec sequence headers. Blocking: called off the I/O event
 * loops, by one thread at a time.
 */
public interface MediaSource extends Closeable {
  /** Length of the file's media in milliseconds (the last frame's timestamp). */
  long durationMillis();

  /**
   * Moves to the seek point (video keyframe, or any frame for audio only) at or before {@code
   * millis}; the next frames are the metadata (stamped 0) and the sequence headers (stamped with
   * the seek point), then the frame at that point. Returns the timestamp of that frame.
   */
  long seek(long millis) throws IOException;

  /**
   * The next frame, or null at the end. The caller owns the frame.
   *
   * @throws MediaFormatException when the file is damaged at this point
   */
  StreamFrame next() throws IOException;

  /** Why the file ends early (truncated or corrupt), if it does; frames before that are fine. */
  Optional<String> damage();

  @Override
  void close();
}
