package org.nimbusmedia.rtmfp.meeting;

/** Which way a received message came. */
public enum MediaPath {
  /** From the publisher, on a direct peer-to-peer NetStream. */
  DIRECT,
  /** Played from the server. */
  SERVER
}
