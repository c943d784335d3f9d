package org.nimbusmedia.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.server.stream.Frames.aac;
import static org.nimbusmedia.server.stream.Frames.avcConfig;
import static org.nimbusmedia.server.stream.Frames.data;
import static org.nimbusmedia.server.stream.Frames.interframe;
import static org.nimbusmedia.server.stream.Frames.keyframe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberQueueTest {
  private final SubscriberQueue queue = new SubscriberQueue(3, Duration.ofSeconds(2));

  private List<String> drain() {
    List<String> out = new ArrayList<>();
    StreamFrame frame;
    while ((frame = queue.poll()) != null) {
      out.add((frame.isKeyframe() ? "KEY" : frame.kind().toString()) + "@" + frame.timestamp());
      frame.release();
    }
    return out;
  }

  @Test
  void fullQueueDropsVideoUntilTheNextKeyframe() {
    queue.offer(keyframe(0));
    queue.offer(interframe(40));
    queue.offer(interframe(80));

    assertFalse(queue.offer(interframe(120)));
    drain();
    assertFalse(queue.offer(interframe(160)), "still waiting for a keyframe");
    assertTrue(queue.offer(keyframe(200)));
    assertTrue(queue.offer(interframe(240)));

    assertEquals(List.of("KEY@200", "VIDEO@240"), drain());
    assertEquals(2, queue.droppedVideo());
    assertEquals(0, queue.droppedAudio());
  }

  @Test
  void audioPushesQueuedVideoOutBeforeAnyAudioIsLost() {
    queue.offer(keyframe(0));
    queue.offer(aac(10));
    queue.offer(interframe(40));

    assertTrue(queue.offer(aac(50)));

    assertEquals(List.of("AUDIO@10", "AUDIO@50"), drain());
    assertEquals(2, queue.droppedVideo());
    assertFalse(queue.offer(interframe(80)), "video resumes only at a keyframe");
  }

  @Test
  void audioIsDroppedOnlyWhenNoVideoIsLeft() {
    queue.offer(aac(0));
    queue.offer(aac(20));
    queue.offer(aac(40));

    assertFalse(queue.offer(aac(60)));

    assertEquals(1, queue.droppedAudio());
    assertEquals(List.of("AUDIO@0", "AUDIO@20", "AUDIO@40"), drain());
  }

  @Test
  void aPlayerFallingMoreThanTheLatencyBoundBehindLosesVideoThenStaleAudio() {
    SubscriberQueue roomy = new SubscriberQueue(1000, Duration.ofSeconds(2));
    roomy.offer(keyframe(0));
    roomy.offer(aac(10));
    roomy.offer(interframe(1000));
    roomy.offer(aac(2005));

    assertTrue(roomy.offer(aac(2100)), "2.1 s behind: queued video and audio older than 2 s go");
    assertFalse(roomy.offer(interframe(2140)), "video resumes at the next keyframe");
    assertTrue(roomy.offer(keyframe(2200)));

    List<String> left = new ArrayList<>();
    StreamFrame frame;
    while ((frame = roomy.poll()) != null) {
      left.add((frame.isKeyframe() ? "KEY" : frame.kind().toString()) + "@" + frame.timestamp());
      frame.release();
    }
    assertEquals(List.of("AUDIO@2005", "AUDIO@2100", "KEY@2200"), left);
    assertEquals(3, roomy.droppedVideo());
    assertEquals(1, roomy.droppedAudio());
  }

  @Test
  void cachedHeadersDoNotCountAsLatency() {
    SubscriberQueue lateJoiner = new SubscriberQueue(1000, Duration.ofSeconds(2));
    lateJoiner.offer(data(0));
    lateJoiner.offer(avcConfig(0));
    lateJoiner.offer(keyframe(90_000));

    assertTrue(lateJoiner.offer(interframe(90_040)));
    assertEquals(0, lateJoiner.droppedVideo());
  }

  @Test
  void sequenceHeadersAndDataAreNeverDropped() {
    queue.offer(aac(0));
    queue.offer(aac(20));
    queue.offer(aac(40));

    assertTrue(queue.offer(avcConfig(50)));
    assertTrue(queue.offer(data(60)));

    assertEquals(5, queue.size());
    queue.clear();
    assertEquals(0, queue.size());
  }

  @Test
  void everyDropIsReportedWithItsKindAndReason() {
    List<String> drops = new ArrayList<>();
    SubscriberQueue reported =
        new SubscriberQueue(
            3,
            Duration.ofSeconds(2),
            (kind, reason, count) -> drops.add(kind + " " + reason.tag() + " " + count));
    reported.offer(keyframe(0));
    reported.offer(interframe(40));
    reported.offer(aac(40));

    reported.offer(interframe(80)); // full
    reported.offer(interframe(120)); // still full
    reported.poll().release();
    reported.offer(interframe(160)); // room now, but a decoder needs a keyframe first
    reported.offer(aac(3000)); // 3 s behind the oldest: the queued video and old audio go

    assertEquals(
        List.of(
            "VIDEO queue_full 1",
            "VIDEO queue_full 1",
            "VIDEO awaiting_keyframe 1",
            "VIDEO latency 1",
            "AUDIO latency 1"),
        drops);
    assertEquals(4, reported.droppedVideo());
    assertEquals(1, reported.droppedAudio());
    reported.clear();
  }

  @Test
  void aRunIsTakenOnlyWhenAllOfItIsAtTheFront() {
    StreamFrame first = Frames.keyframe(0);
    StreamFrame second = Frames.aac(10);
    StreamFrame third = Frames.interframe(40);
    queue.offer(first);
    queue.offer(second);

    assertFalse(queue.pollRun(List.of(first, second, third)), "the third is not queued");
    assertFalse(queue.pollRun(List.of(second)), "not at the front");
    assertEquals(2, queue.size());

    assertTrue(queue.pollRun(List.of(first, second)));
    assertEquals(0, queue.size());
    first.release();
    second.release();
    third.release();
  }
}
