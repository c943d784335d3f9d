package org.nimbusmedia.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.server.stream.Frames.avcConfig;
import static org.nimbusmedia.server.stream.Frames.data;
import static org.nimbusmedia.server.stream.Frames.interframe;
import static org.nimbusmedia.server.stream.Frames.keyframe;

import org.junit.jupiter.api.Test;

class TimestampRebaserTest {
  private final TimestampRebaser rebaser = new TimestampRebaser();

  private long rebase(StreamFrame frame) {
    try {
      return rebaser.rebase(frame);
    } finally {
      frame.release();
    }
  }

  @Test
  void lateJoinerStartsAtZero() {
    assertEquals(0, rebase(data(0)));
    assertEquals(0, rebase(avcConfig(0)));
    assertEquals(0, rebase(keyframe(90_000)));
    assertEquals(40, rebase(interframe(90_040)));
  }

  @Test
  void neverGoesBackwards() {
    rebase(keyframe(1000));
    rebase(interframe(1100));

    assertEquals(100, rebase(interframe(1050)));
  }

  @Test
  void newPublicationContinuesFromTheLastTimestamp() {
    rebase(keyframe(5000));
    rebase(interframe(5400));
    rebaser.restart();

    assertEquals(400, rebase(keyframe(0)));
    assertEquals(440, rebase(interframe(40)));
  }
}
