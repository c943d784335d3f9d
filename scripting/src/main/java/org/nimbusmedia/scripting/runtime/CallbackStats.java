package org.nimbusmedia.scripting.runtime;

import java.time.Duration;
import org.nimbusmedia.scripting.ScriptStats;

/**
 * The running totals behind {@link ScriptStats}: written by the script thread (and by the threads
 * that queue work, for the queue's high-water mark), read by anyone.
 */
final class CallbackStats {
  private long processed;
  private long errors;
  private long totalNanos;
  private long longestNanos;
  private int queueHighWaterMark;

  synchronized void finished(long nanos, boolean failed) {
    processed++;
    if (failed) {
      errors++;
    }
    totalNanos += nanos;
    longestNanos = Math.max(longestNanos, nanos);
  }

  synchronized void queued(int waiting) {
    queueHighWaterMark = Math.max(queueHighWaterMark, waiting);
  }

  synchronized ScriptStats snapshot(int queueSize) {
    return new ScriptStats(
        processed,
        errors,
        Duration.ofNanos(totalNanos),
        Duration.ofNanos(longestNanos),
        queueSize,
        queueHighWaterMark);
  }
}
