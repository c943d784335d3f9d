package org.nimbusmedia.server.script;

import java.util.concurrent.Semaphore;

/**
 * How many outgoing connections and HTTP requests one instance may have open at once ({@code
 * scripting.maxOutgoing}), so that a script looping on {@code new NetConnection().connect(...)}
 * cannot exhaust the server's sockets.
 */
final class OutgoingBudget {
  private final int limit;
  private final Semaphore permits;

  OutgoingBudget(int limit) {
    this.limit = limit;
    this.permits = new Semaphore(limit);
  }

  boolean tryTake() {
    return permits.tryAcquire();
  }

  void give() {
    permits.release();
  }

  /** The reason given to the script when the budget is spent. */
  String exhausted() {
    return "too many outgoing connections and requests (scripting.maxOutgoing " + limit + ")";
  }
}
