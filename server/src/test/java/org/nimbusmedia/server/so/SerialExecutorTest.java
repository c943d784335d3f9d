package org.nimbusmedia.server.so;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One instance's shared object work: in order, one task at a time, on a shared pool. */
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
  void tasksRunInOrderAsOnePoolTaskAndAFailureDoesNotStopTheRest() {
    HeldPool pool = new HeldPool();
    SerialExecutor serial = new SerialExecutor(pool);
    List<Integer> ran = new ArrayList<>();

    serial.execute(() -> ran.add(1));
    serial.execute(
        () -> {
          throw new IllegalStateException("a failing task");
        });
    serial.execute(() -> ran.add(3));

    assertEquals(1, pool.submitted.size(), "one drain on the pool for the whole queue");
    pool.submitted.poll().run();
    assertEquals(List.of(1, 3), ran);

    serial.execute(() -> ran.add(4));
    assertEquals(1, pool.submitted.size(), "idle again: the next task starts a new drain");
    pool.submitted.poll().run();
    assertEquals(List.of(1, 3, 4), ran);
    assertTrue(pool.submitted.isEmpty());
  }
}
