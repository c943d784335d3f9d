package org.nimbusmedia.scripting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the script engine, the role of FMS's {@code Application.xml ScriptEngine} element.
 *
 * @param scriptLibraryPath folders searched by {@code load(file)} after the main script's folder,
 *     left to right ({@code ScriptEngine/ScriptLibPath})
 * @param maxCallbackTime how long one callback (top-level code, an event handler, a remote call, a
 *     timer) may run before it is stopped as a runaway script ({@code MaxTimeOut}); must be
 *     positive
 * @param maxCallbackAllocation how many bytes one callback may allocate before it is stopped as a
 *     runaway script, so that an allocation loop cannot take the heap the other applications share;
 *     must be positive
 * @param allowJavaAccess whether scripts may reach Java classes ({@code Packages}, {@code java});
 *     off unless an operator turns it on
 * @param serverInfo {@code application.server}: platform and version
 */
public record ScriptingConfig(
    List<Path> scriptLibraryPath,
    Duration maxCallbackTime,
    long maxCallbackAllocation,
    boolean allowJavaAccess,
    String serverInfo) {

  public ScriptingConfig {
    scriptLibraryPath = List.copyOf(Objects.requireNonNull(scriptLibraryPath, "scriptLibraryPath"));
    Objects.requireNonNull(maxCallbackTime, "maxCallbackTime");
    if (maxCallbackTime.isNegative() || maxCallbackTime.isZero()) {
      throw new IllegalArgumentException(
          "maxCallbackTime must be positive, was " + maxCallbackTime);
    }
    if (maxCallbackAllocation <= 0) {
      throw new IllegalArgumentException(
          "maxCallbackAllocation must be positive, was " + maxCallbackAllocation);
    }
    Objects.requireNonNull(serverInfo, "serverInfo");
  }

  /** The default allocation budget of one callback: 256 MiB. */
  public static final long DEFAULT_MAX_CALLBACK_ALLOCATION = 256L << 20;

  /** No script library, 20 s and 256 MiB per callback, no Java access. */
  public static ScriptingConfig defaults() {
    return new ScriptingConfig(
        List.of(), Duration.ofSeconds(20), DEFAULT_MAX_CALLBACK_ALLOCATION, false, "Nimbus/0.1");
  }

  public ScriptingConfig withScriptLibraryPath(List<Path> path) {
    return new ScriptingConfig(
        path, maxCallbackTime, maxCallbackAllocation, allowJavaAccess, serverInfo);
  }

  public ScriptingConfig withMaxCallbackTime(Duration time) {
    return new ScriptingConfig(
        scriptLibraryPath, time, maxCallbackAllocation, allowJavaAccess, serverInfo);
  }

  public ScriptingConfig withMaxCallbackAllocation(long bytes) {
    return new ScriptingConfig(
        scriptLibraryPath, maxCallbackTime, bytes, allowJavaAccess, serverInfo);
  }

  public ScriptingConfig withJavaAccess(boolean allow) {
    return new ScriptingConfig(
        scriptLibraryPath, maxCallbackTime, maxCallbackAllocation, allow, serverInfo);
  }
}
