package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.ScriptStackElement;

/**
 * Makes the contexts that scripts run in: interpreted mode (instruction counting only works there),
 * JavaScript 1.5, a deadline per callback and, unless allowed, no Java classes.
 *
 * <p>FMS documents Server-Side ActionScript as JavaScript 1.5 (SSASLR, "About Server-Side
 * ActionScript"). {@link Context#VERSION_1_5} keeps {@code let} and {@code yield} usable as
 * identifiers, as they were for FMS scripts, while Rhino still accepts the SpiderMonkey {@code
 * const} that real applications use.
 */
public final class SandboxContextFactory extends ContextFactory {

  /** Instructions between deadline checks: small enough to stop a loop promptly. */
  private static final int OBSERVER_THRESHOLD = 10_000;

  /** Script call depth at which runaway recursion becomes a script error. */
  private static final int MAX_STACK_DEPTH = 2_000;

  private final boolean allowJavaAccess;

  public SandboxContextFactory(boolean allowJavaAccess) {
    this.allowJavaAccess = allowJavaAccess;
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
    ((DeadlineContext) cx).checkDeadline();
  }

  /** A context that knows when the running callback must stop. */
  static final class DeadlineContext extends Context {

    private long deadlineNanos;
    private long limitMillis;
    private boolean armed;

    DeadlineContext(ContextFactory factory) {
      super(factory);
    }

    void arm(long timeoutNanos) {
      deadlineNanos = System.nanoTime() + timeoutNanos;
      limitMillis = timeoutNanos / 1_000_000;
      armed = true;
    }

    void disarm() {
      armed = false;
    }

    void checkDeadline() {
      // Stays armed: a finally block that loops again is stopped again.
      if (armed && System.nanoTime() - deadlineNanos > 0) {
        ScriptStackElement where = ScriptError.currentPosition();
        throw where == null
            ? new ScriptTimeoutError("", 0, limitMillis)
            : new ScriptTimeoutError(where.fileName, where.lineNumber, limitMillis);
      }
    }
  }
}
