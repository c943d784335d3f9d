package org.nimbusmedia.scripting.runtime;

import java.lang.management.ManagementFactory;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.ScriptStackElement;

/**
 * Makes the contexts that scripts run in: interpreted mode (instruction counting only works there),
 * JavaScript 1.5, a deadline and an allocation budget per callback and, unless allowed, no Java
 * classes.
 *
 * <p>The allocation budget counts the bytes the script thread allocates while the callback runs
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, HotSpot's per-thread
 * allocation counter), checked with the deadline. It bounds what one callback can take from the
 * shared heap; it is not a measure of what stays live, so a script that keeps a little of every
 * callback can still grow.
 *
 * <p>FMS documents Server-Side ActionScript as JavaScript 1.5 (SSASLR, "About Server-Side
 * ActionScript"). {@link Context#VERSION_1_5} keeps {@code let} and {@code yield} usable as
 * identifiers, as they were for FMS scripts, while Rhino still accepts the SpiderMonkey {@code
 * const} that real applications use.
 */
public final class SandboxContextFactory extends ContextFactory {

  /** Instructions between checks of the deadline and the allocation budget. */
  private static final int OBSERVER_THRESHOLD = 10_000;

  /** Script call depth at which runaway recursion becomes a script error. */
  private static final int MAX_STACK_DEPTH = 2_000;

  private static final com.sun.management.ThreadMXBean THREADS = allocationCounter();

  private final boolean allowJavaAccess;
  private final long maxCallbackAllocation;

  /**
   * @param allowJavaAccess whether scripts may reach Java classes
   * @param maxCallbackAllocation bytes one callback may allocate before it is stopped
   */
  public SandboxContextFactory(boolean allowJavaAccess, long maxCallbackAllocation) {
    this.allowJavaAccess = allowJavaAccess;
    this.maxCallbackAllocation = maxCallbackAllocation;
  }

  /** HotSpot's per-thread allocation counter, or null on a JVM without one. */
  private static com.sun.management.ThreadMXBean allocationCounter() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()) {
      threads.setThreadAllocatedMemoryEnabled(true);
      return threads;
    }
    return null;
  }

  public boolean allowsJavaAccess() {
    return allowJavaAccess;
  }

  @Override
  protected Context makeContext() {
    DeadlineContext cx = new DeadlineContext(this);
    cx.setOptimizationLevel(-1);
    cx.setLanguageVersion(Context.VERSION_1_5);
    cx.setInstructionObserverThreshold(OBSERVER_THRESHOLD);
    cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
    if (!allowJavaAccess) {
      cx.setClassShutter(className -> false);
    }
    return cx;
  }

  @Override
  protected void observeInstructionCount(Context cx, int instructionCount) {
    ((DeadlineContext) cx).checkLimits();
  }

  private static long allocatedBytes() {
    return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
  }

  /** A context that knows when the running callback must stop. */
  static final class DeadlineContext extends Context {

    private final long allocationLimit;
    private long deadlineNanos;
    private long limitMillis;
    private long allocationStart;
    private boolean armed;

    DeadlineContext(SandboxContextFactory factory) {
      super(factory);
      this.allocationLimit = factory.maxCallbackAllocation;
    }

    /** Starts a callback's time limit and allocation budget. */
    void arm(long timeoutNanos) {
      deadlineNanos = System.nanoTime() + timeoutNanos;
      limitMillis = timeoutNanos / 1_000_000;
      allocationStart = allocatedBytes();
      armed = true;
    }

    void disarm() {
      armed = false;
    }

    void checkLimits() {
      // Stays armed: a finally block that loops or allocates again is stopped again.
      if (!armed) {
        return;
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        ScriptStackElement where = position();
        throw RunawayScriptError.tooLong(where.fileName, where.lineNumber, limitMillis);
      }
      if (allocatedBytes() - allocationStart > allocationLimit) {
        ScriptStackElement where = position();
        throw RunawayScriptError.tooMuchMemory(where.fileName, where.lineNumber, allocationLimit);
      }
    }

    private static ScriptStackElement position() {
      ScriptStackElement where = ScriptError.currentPosition();
      return where == null ? new ScriptStackElement("", null, 0) : where;
    }
  }
}
