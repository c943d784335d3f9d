package org.nimbusmedia.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nimbusmedia.server.stream.Frames.aac;
import static org.nimbusmedia.server.stream.Frames.data;
import static org.nimbusmedia.server.stream.Frames.interframe;
import static org.nimbusmedia.server.stream.Frames.keyframe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live queue (FMS {@code Live/Queue}): frames reach players in batches, in order, complete by
 * size, by a data message, by the delay, or when the publisher leaves; late joiners see no gap and
 * no duplicate.
 */
class LiveQueueTest {
  /** Video frames of 6 bytes and AAC frames of 3 bytes: 10 bytes complete a batch. */
  private static final int MAX_SIZE = 10;

  private final ManualTimer timer = new ManualTimer();
  private final LiveStreamRegistry registry =
      new LiveStreamRegistry(
          Duration.ofSeconds(2),
          100,
          new LiveQueuePolicy(Duration.ofMillis(50), MAX_SIZE, true, 0),
          timer);
  private final FakePublisher publisher = new FakePublisher(true);

  /** A subscriber that records each batch it is handed as one list. */
  private static final class BatchRecorder implements StreamSubscriber {
    final List<List<String>> batches = new ArrayList<>();

    @Override
    public void onFrame(StreamFrame frame) {
      record(List.of(frame));
    }

    @Override
    public void onFrames(FrameBatch batch) {
      record(batch.frames());
      batch.release();
    }

    private void record(List<StreamFrame> frames) {
      List<String> batch = new ArrayList<>();
      for (StreamFrame frame : frames) {
        batch.add(frame.kind() + "@" + frame.timestamp());
        frame.release();
      }
      batches.add(batch);
    }

    @Override
    public void onPublishNotify(String streamName) {}

    @Override
    public void onUnpublishNotify(String streamName) {
      batches.add(List.of("unpublish-notify"));
    }
  }

  /** Runs scheduled tasks when the test says so, and remembers their delays. */
  private static final class ManualTimer extends AbstractExecutorService
      implements ScheduledExecutorService {
    final List<Runnable> tasks = new ArrayList<>();
    final List<Long> delaysMillis = new ArrayList<>();

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      tasks.add(command);
      delaysMillis.add(unit.toMillis(delay));
      return null;
    }

    void runAll() {
      List<Runnable> due = List.copyOf(tasks);
      tasks.clear();
      due.forEach(Runnable::run);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  private LiveStream published(BatchRecorder... players) {
    registry.claim("cam", publisher).join();
    for (BatchRecorder player : players) {
      registry.subscribe("cam", player);
    }
    return registry.find("cam").orElseThrow();
  }

  @Test
  void framesWaitUntilTheBatchHoldsMaxSizeBytesThenGoOutTogetherInOrder() {
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(player);

    stream.publish(publisher, keyframe(0));
    stream.publish(publisher, aac(10));
    assertEquals(List.of(), player.batches, "9 bytes queued, under the 10-byte batch");

    stream.publish(publisher, interframe(33));
    stream.publish(publisher, aac(40));

    assertEquals(List.of(List.of("VIDEO@0", "AUDIO@10", "VIDEO@33")), player.batches);
    assertEquals(List.of(50L, 50L), timer.delaysMillis, "a delay timer for each batch started");
  }

  @Test
  void aBatchThatNeverFillsGoesOutWhenItsDelayIsUp() {
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(player);

    stream.publish(publisher, aac(0));
    stream.publish(publisher, aac(23));
    assertEquals(List.of(), player.batches);

    timer.runAll();

    assertEquals(List.of(List.of("AUDIO@0", "AUDIO@23")), player.batches);
  }

  @Test
  void aTimerForABatchAlreadySentDoesNotSendTheNextOneEarly() {
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(player);
    stream.publish(publisher, keyframe(0));
    stream.publish(publisher, aac(10)); // 9 bytes
    stream.publish(publisher, interframe(33)); // 15: the first batch goes, its timer is now stale
    stream.publish(publisher, aac(70)); // starts the second batch and its own timer

    List<Runnable> timers = List.copyOf(timer.tasks);
    assertEquals(2, timers.size());
    timers.get(0).run();
    assertEquals(1, player.batches.size(), "the stale timer sent nothing");

    timers.get(1).run();
    assertEquals(List.of("AUDIO@70"), player.batches.get(1));
  }

  @Test
  void aDataMessageSendsTheBatchAtOnce() {
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(player);

    stream.publish(publisher, aac(0));
    stream.publish(publisher, data(5));

    assertEquals(List.of(List.of("AUDIO@0", "DATA@5")), player.batches);
  }

  @Test
  void metadataGoesAfterTheFramesQueuedBeforeIt() {
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(player);

    stream.publish(publisher, aac(0));
    stream.setMetadata(publisher, data(1));

    assertEquals(List.of(List.of("AUDIO@0"), List.of("DATA@1")), player.batches);
  }

  @Test
  void framesQueuedWhenThePublisherLeavesArriveBeforeTheUnpublishNotice() {
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(player);

    stream.publish(publisher, keyframe(0));
    stream.publish(publisher, aac(10));
    registry.release("cam", publisher);

    assertEquals(
        List.of(List.of("VIDEO@0", "AUDIO@10"), List.of("unpublish-notify")), player.batches);
    timer.runAll();
    assertEquals(2, player.batches.size(), "nothing left for the timer");
  }

  @Test
  void aSubscriberThatLeavesGetsWhatWasPublishedBeforeItLeft() {
    BatchRecorder recording = new BatchRecorder();
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = published(recording, player);

    stream.publish(publisher, aac(0));
    registry.unsubscribe("cam", recording);
    stream.publish(publisher, aac(23));
    timer.runAll();

    assertEquals(List.of(List.of("AUDIO@0")), recording.batches);
    assertEquals(List.of(List.of("AUDIO@0"), List.of("AUDIO@23")), player.batches);
  }

  @Test
  void aLateJoinerGetsTheCacheThenTheQueuedFramesOnceEach() {
    BatchRecorder early = new BatchRecorder();
    LiveStream stream = published(early);
    stream.publish(publisher, keyframe(0));
    stream.publish(publisher, interframe(33)); // batch sent: now cached
    stream.publish(publisher, aac(70)); // queued, not cached yet

    BatchRecorder late = new BatchRecorder();
    registry.subscribe("cam", late);
    timer.runAll();

    assertEquals(
        List.of(List.of("VIDEO@0"), List.of("VIDEO@33"), List.of("AUDIO@70")), late.batches);
    assertEquals(List.of(List.of("VIDEO@0", "VIDEO@33"), List.of("AUDIO@70")), early.batches);
  }

  @Test
  void withoutADelayEveryFrameGoesAloneAndNoTimerIsNeeded() {
    LiveStreamRegistry immediate = new LiveStreamRegistry(Duration.ofSeconds(2), 100);
    BatchRecorder player = new BatchRecorder();
    LiveStream stream = publishedIn(immediate, player);

    stream.publish(publisher, aac(0));
    stream.publish(publisher, aac(23));

    assertEquals(List.of(List.of("AUDIO@0"), List.of("AUDIO@23")), player.batches);
  }

  @Test
  void aStreamWithFewerSubscribersThanTheThresholdSendsEveryFrameAtOnce() {
    LiveStreamRegistry forTwo =
        new LiveStreamRegistry(
            Duration.ofSeconds(2),
            100,
            new LiveQueuePolicy(Duration.ofMillis(50), MAX_SIZE, true, 2),
            timer);
    BatchRecorder first = new BatchRecorder();
    LiveStream stream = publishedIn(forTwo, first);

    stream.publish(publisher, aac(0));
    stream.publish(publisher, aac(23));
    assertEquals(List.of(List.of("AUDIO@0"), List.of("AUDIO@23")), first.batches, "one player");
    assertEquals(List.of(), timer.delaysMillis, "nothing waits, so no timer");

    BatchRecorder second = new BatchRecorder();
    forTwo.subscribe("cam", second);
    stream.publish(publisher, aac(46));
    stream.publish(publisher, aac(70));
    assertEquals(2, first.batches.size(), "two players: the frames wait for their batch");
    assertEquals(List.of(50L), timer.delaysMillis);

    forTwo.unsubscribe("cam", second);
    stream.publish(publisher, aac(93));
    assertEquals(
        List.of(
            List.of("AUDIO@0"),
            List.of("AUDIO@23"),
            List.of("AUDIO@46", "AUDIO@70"),
            List.of("AUDIO@93")),
        first.batches,
        "the leaver's going sent the waiting batch; one player again: at once");
  }

  private LiveStream publishedIn(LiveStreamRegistry streams, BatchRecorder player) {
    streams.claim("cam", publisher).join();
    streams.subscribe("cam", player);
    return streams.find("cam").orElseThrow();
  }

  @Test
  void aDelayWithoutATimerIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LiveStreamRegistry(
                Duration.ZERO,
                100,
                new LiveQueuePolicy(Duration.ofMillis(50), 4096, true, 0),
                null));
  }
}
