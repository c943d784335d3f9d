package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** One audio or video message a publisher is about to send. */
interface Frame {

  /** Audio or video. */
  enum Kind {
    AUDIO,
    VIDEO
  }

  /** Audio or video. */
  Kind kind();

  /** The RTMP timestamp in milliseconds from the start of publishing. */
  long timestamp();

  /** Whether the body carries a {@link Probe} (sequence headers and FLV audio do not). */
  boolean probed();

  /**
   * Renders the body.
   *
   * @param probe the probe to embed when {@link #probed()}, else ignored
   */
  ByteBuf render(ByteBufAllocator alloc, Probe probe);
}
