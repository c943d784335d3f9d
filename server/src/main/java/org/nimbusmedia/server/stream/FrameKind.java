package org.nimbusmedia.server.stream;

/** What a frame carries; the values follow the FLV tag types that RTMP messages use (8, 9, 18). */
public enum FrameKind {
  AUDIO,
  VIDEO,
  /** A data message such as {@code onMetaData} or a {@code send()} from a script. */
  DATA
}
