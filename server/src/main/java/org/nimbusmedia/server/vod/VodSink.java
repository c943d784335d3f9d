package org.nimbusmedia.server.vod;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * Where a {@link VodPlayer} delivers: one protocol's player (an RTMP NetStream, for one). Every
 * method is called on {@link #executor()}, the player connection's event loop.
 */
public interface VodSink {
  /** The event loop the player runs on. */
  EventExecutor executor();

  ByteBufAllocator allocator();

  /** Whether the connection takes more now; {@link VodPlayer#writable()} follows when it does. */
  boolean isWritable();

  /** The client's buffer length ({@code SetBufferLength}) in milliseconds, 0 if unknown. */
  long clientBufferMillis();

  /**
   * Whether frames go on to a live stream's players (a server-side stream playing a file), who
   * buffer for themselves: then the player sends with a short fixed lead, not the read-ahead.
   */
  default boolean republishes() {
    return false;
  }

  /** Sends {@code frame} stamped {@code timestamp}; takes ownership of the frame. */
  void send(StreamFrame frame, long timestamp);

  void flush();

  /** A playlist item starts ({@code first}: the play itself; otherwise a switch to it). */
  void itemStarted(PlayItem item, boolean first);

  /** A seek moved the play to {@code timestamp} (the keyframe at or before the target). */
  void seeked(PlayItem item, long timestamp);

  /** The playlist has played to its end. */
  void completed(PlayItem last, long duration);

  /** {@code item} cannot be played on (missing, unreadable, damaged): playing stops. */
  void failed(PlayItem item, String reason);
}
