package org.nimbusmedia.scripting.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.RhinoException;
import org.nimbusmedia.scripting.ScriptStats;

/**
 * The one thread that runs every callback of an application instance, in order (FMS serialises
 * {@code onConnect} and every other handler per instance). Each task runs in a fresh Rhino context
 * with the callback time limit; a script error is handed to the {@link ErrorListener} and fails the
 * task's future with a {@link ScriptFailure}.
 */
public final class ScriptThread {

  /** Work to do with a context on the script thread. */
  @FunctionalInterface
  public interface Task<T> {
    T run(Context cx);
  }

  /** Receives script errors, on the script thread, with a context to call the script again. */
  @FunctionalInterface
  public interface ErrorListener {
    void report(Context cx, ScriptError error);
  }

  /** Told how long each callback ran and whether it failed, on the script thread. */
  @FunctionalInterface
  public interface CallbackListener {
    void finished(long nanos, boolean failed);
  }

  private final ScheduledThreadPoolExecutor executor;
  private final CallbackStats stats = new CallbackStats();
  private CallbackListener callbackListener = (nanos, failed) -> {};
  private final SandboxContextFactory contextFactory;
  private final long limitNanos;
  private final ScriptSources sources;
  private ErrorListener reporter = (cx, error) -> {};
  private volatile boolean stopped;

  public ScriptThread(
      String name, SandboxContextFactory contextFactory, Duration limit, ScriptSources sources) {
    this.contextFactory = contextFactory;
    this.limitNanos = limit.toNanos();
    this.sources = sources;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread t = new Thread(runnable, "nimbus-script-" + name);
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Set once, before the first task runs. */
  public void setErrorListener(ErrorListener reporter) {
    this.reporter = reporter;
  }

  /** Set once, before the first task runs. */
  public void setCallbackListener(CallbackListener listener) {
    this.callbackListener = listener;
  }

  /** What this thread has run so far and what waits now. Any thread. */
  public ScriptStats stats() {
    return stats.snapshot(executor.getQueue().size());
  }

  /** Queues a task; the future fails if the script fails or the instance has stopped. */
  public <T> CompletableFuture<T> submit(Task<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> complete(result, task));
      stats.queued(executor.getQueue().size());
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(stoppedFailure());
    }
    return result;
  }

  /** Runs {@code task} every {@code periodMillis} until cancelled. */
  public ScheduledFuture<?> scheduleRepeating(Task<?> task, long periodMillis) {
    return executor.scheduleWithFixedDelay(
        () -> complete(new CompletableFuture<>(), task),
        periodMillis,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} once after {@code delayMillis}. */
  public ScheduledFuture<?> scheduleOnce(Task<?> task, long delayMillis) {
    return executor.schedule(
        () -> complete(new CompletableFuture<>(), task), delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs a nested callback (an error report, an event raised while another callback runs) in the
   * current context, with the error handling of a task. Script thread only.
   */
  public <T> T runNested(Context cx, Task<T> task) {
    try {
      return task.run(cx);
    } catch (RhinoException | RunawayScriptError e) {
      throw failure(cx, e);
    }
  }

  /** Reports an error caught outside {@link #runNested}; returns the failure to throw. */
  public ScriptFailure reportFailure(Context cx, RhinoException e) {
    return failure(cx, e);
  }

  /** Refuses new tasks; queued tasks fail, the thread ends after the running one. */
  public void stop() {
    stopped = true;
    executor.shutdown();
  }

  private <T> void complete(CompletableFuture<T> result, Task<T> task) {
    if (stopped) {
      result.completeExceptionally(stoppedFailure());
      return;
    }
    SandboxContextFactory.DeadlineContext cx =
        (SandboxContextFactory.DeadlineContext) contextFactory.enterContext();
    long started = System.nanoTime();
    // Script errors and timeouts count as failures; a refused call (no such method) does not.
    boolean failed = false;
    try {
      cx.arm(limitNanos);
      result.complete(task.run(cx));
    } catch (RhinoException | RunawayScriptError e) {
      failed = true;
      result.completeExceptionally(failure(cx, e));
    } catch (OutOfMemoryError e) {
      // The allocation that failed never happened and what the callback built is garbage now:
      // the instance and the rest of the server go on.
      failed = true;
      result.completeExceptionally(failure(cx, RunawayScriptError.outOfMemory(e)));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    } catch (Error e) {
      result.completeExceptionally(e);
      throw e;
    } finally {
      cx.disarm();
      Context.exit();
      long elapsed = System.nanoTime() - started;
      stats.finished(elapsed, failed);
      callbackListener.finished(elapsed, failed);
    }
  }

  private ScriptFailure failure(Context cx, Throwable e) {
    ScriptError error = ScriptError.of(e, sources);
    SandboxContextFactory.DeadlineContext deadline = (SandboxContextFactory.DeadlineContext) cx;
    deadline.arm(limitNanos);
    reporter.report(cx, error);
    return new ScriptFailure(error);
  }

  private static IllegalStateException stoppedFailure() {
    return new IllegalStateException("application instance is unloaded");
  }
}
