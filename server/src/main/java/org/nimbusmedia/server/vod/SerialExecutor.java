package org.nimbusmedia.server.vod;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in order, on a shared pool: one player's or one recording's file work
 * never runs on two threads at once, and many of them share a few threads.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor pool) {
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
      log.warn("media task failed", e);
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
