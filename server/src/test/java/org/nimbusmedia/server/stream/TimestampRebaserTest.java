package org.nimbusmedia.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.server.stream.Frames.aac;
import static org.nimbusmedia.server.stream.Frames.avcConfig;
import static org.nimbusmedia.server.stream.Frames.data;
import static org.nimbusmedia.server.stream.Frames.interframe;
import static org.nimbusmedia.server.stream.Frames.keyframe;

import java.util.List;
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

  @Test
  void aShiftIsOneConstantOnlyOnceBasedAndWhileTimestampsRise() {
    List<StreamFrame> rising = List.of(aac(90_050), interframe(90_066), aac(90_073));
    assertEquals(TimestampRebaser.NO_SHIFT, rebaser.shiftFor(rising), "no media yet");

    rebase(keyframe(90_000));
    assertEquals(-90_000, rebaser.shiftFor(rising));
    assertEquals(50, rebase(aac(90_050)), "shiftFor changed nothing");

    List<StreamFrame> back = List.of(interframe(90_066), aac(90_060));
    assertEquals(TimestampRebaser.NO_SHIFT, rebaser.shiftFor(back), "60 would be held at 66");
    assertEquals(
        TimestampRebaser.NO_SHIFT, rebaser.shiftFor(List.of(aac(90_040))), "before the last one");
    rising.forEach(StreamFrame::release);
    back.forEach(StreamFrame::release);
  }
}
