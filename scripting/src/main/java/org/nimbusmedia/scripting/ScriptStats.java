package org.nimbusmedia.scripting;

import java.time.Duration;

/**
 * What an instance's script thread has done, for the admin API's {@code getScriptStats} ({@code
 * reference/fms4.md} section 5.2).
 *
 * @param processed callbacks run (top-level code, handlers, remote calls, timers)
 * @param errors callbacks that ended in a script error or a timeout
 * @param totalTime time spent running them
 * @param longest the longest one ({@code time_high_water_mark})
 * @param queueSize callbacks waiting now
 * @param queueHighWaterMark the most that ever waited at once
 */
public record ScriptStats(
    long processed,
    long errors,
    Duration totalTime,
    Duration longest,
    int queueSize,
    int queueHighWaterMark) {}
