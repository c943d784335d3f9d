package org.nimbusmedia.server.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks in order, one at a time, on a shared pool that also serves others. */
class SerialExecutorTest {
  /** A pool that runs nothing until told to: the test decides when its threads would run. */
  private static final class HeldPool implements java.util.concurrent.Executor {
    final ArrayDeque<Runnable> submitted = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
      submitted.add(command);
    }
  }

  @Test
  void tasksRunInOrderOneAtATimeAndAFailureDoesNotStopTheRest() {
    HeldPool pool = new HeldPool();
    SerialExecutor serial = new SerialExecutor(pool);
    List<Integer> ran = new ArrayList<>();

    serial.execute(() -> ran.add(1));
    serial.execute(
        () -> {
          throw new IllegalStateException("a failing task");
        });
    serial.execute(() -> ran.add(3));
    assertEquals(1, pool.submitted.size(), "one pool task at a time");
    pool.submitted.poll().run();
    assertEquals(List.of(1), ran);
    assertEquals(1, pool.submitted.size(), "the next task waits for the pool, not the thread");
    pool.submitted.poll().run(); // the failing task: logged, and the queue goes on
    pool.submitted.poll().run();
    assertEquals(List.of(1, 3), ran);
    assertTrue(pool.submitted.isEmpty(), "idle");

    serial.execute(() -> ran.add(4));
    assertEquals(1, pool.submitted.size(), "idle again: the next task starts at once");
    pool.submitted.poll().run();
    assertEquals(List.of(1, 3, 4), ran);
    assertTrue(pool.submitted.isEmpty());
  }

  @Test
  void aStoppingPoolDropsWhatIsQueued() {
    java.util.concurrent.ExecutorService stopped =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    stopped.shutdown();
    SerialExecutor serial = new SerialExecutor(stopped);
    List<Integer> ran = new ArrayList<>();
    serial.execute(() -> ran.add(1));
    serial.execute(() -> ran.add(2));
    assertTrue(ran.isEmpty());
  }
}
