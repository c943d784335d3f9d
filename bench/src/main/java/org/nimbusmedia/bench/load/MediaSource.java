package org.nimbusmedia.bench.load;

/** An endless series of frames in timestamp order: synthetic, or an FLV file played in a loop. */
interface MediaSource {

  /** The next frame; never null. */
  Frame next();
}
