package org.nimbusmedia.server.concurrent;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order given, on a shared pool: one VOD player's or one
 * recording's file work, or one application instance's shared object work, never runs on two
 * threads at once, while many of them share a few threads. Each task is its own pool task, so a
 * busy queue does not hold a pool thread from the others. A task that throws is logged and the next
 * one runs; once the pool refuses work (it is stopping), queued tasks are dropped.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    schedule();
  }

  private void schedule() {
    try {
      pool.execute(this::runNext);
    } catch (RejectedExecutionException stopping) {
      synchronized (this) {
        tasks.clear();
        running = false;
      }
    }
  }

  private void runNext() {
    Runnable task;
    synchronized (this) {
      task = tasks.poll();
      if (task == null) {
        running = false;
        return;
      }
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("Task failed", e);
    }
    synchronized (this) {
      if (tasks.isEmpty()) {
        running = false;
        return;
      }
    }
    schedule();
  }
}
