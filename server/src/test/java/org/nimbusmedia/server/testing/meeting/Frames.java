package org.nimbusmedia.server.testing.meeting;

import java.nio.ByteBuffer;

/**
 * Numbered video frames: an AVC video tag body (FLV specification E.4.3, keyframe 0x17 or inter
 * frame 0x27, NALU packet type 1) whose first four data bytes carry the frame's sequence number, so
 * that a player sees which frames it missed whichever path they took.
 */
public final class Frames {
  /** 25 frames per second, a keyframe every second: one GOP is 25 frames. */
  public static final int GOP = 25;

  public static final int INTERVAL_MS = 40;

  /** About 200 kbit/s: enough that media bytes stand out from control traffic. */
  static final int SIZE = 1000;

  private static final int SEQUENCE_OFFSET = 5;

  private Frames() {}

  static byte[] encode(int sequence, boolean key) {
    byte[] frame = new byte[SIZE];
    frame[0] = (byte) (key ? 0x17 : 0x27);
    frame[1] = 1;
    ByteBuffer.wrap(frame, SEQUENCE_OFFSET, 4).putInt(sequence);
    return frame;
  }

  /** The sequence number, or -1 for a body that is not one of these frames. */
  static int sequence(byte[] body) {
    if (body.length < SEQUENCE_OFFSET + 4 || body[1] != 1) {
      return -1;
    }
    return ByteBuffer.wrap(body, SEQUENCE_OFFSET, 4).getInt();
  }
}
