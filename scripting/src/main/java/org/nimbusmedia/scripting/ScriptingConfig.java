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
 * @param allowJavaAccess whether scripts may reach Java classes ({@code Packages}, {@code java});
 *     off unless an operator turns it on
 * @param serverInfo {@code application.server}: platform and version
 */
public record ScriptingConfig(
    List<Path> scriptLibraryPath,
    Duration maxCallbackTime,
    boolean allowJavaAccess,
    String serverInfo) {

  public ScriptingConfig {
    scriptLibraryPath = List.copyOf(Objects.requireNonNull(scriptLibraryPath, "scriptLibraryPath"));
    Objects.requireNonNull(maxCallbackTime, "maxCallbackTime");
    if (maxCallbackTime.isNegative() || maxCallbackTime.isZero()) {
      throw new IllegalArgumentException(
          "maxCallbackTime must be positive, was " + maxCallbackTime);
    }
    Objects.requireNonNull(serverInfo, "serverInfo");
  }

  /** No script library, 20 s per callback, no Java access. */
  public static ScriptingConfig defaults() {
    return new ScriptingConfig(List.of(), Duration.ofSeconds(20), false, "Nimbus/0.1");
  }

  public ScriptingConfig withScriptLibraryPath(List<Path> path) {
    return new ScriptingConfig(path, maxCallbackTime, allowJavaAccess, serverInfo);
  }

  public ScriptingConfig withMaxCallbackTime(Duration time) {
    return new ScriptingConfig(scriptLibraryPath, time, allowJavaAccess, serverInfo);
  }

  public ScriptingConfig withJavaAccess(boolean allow) {
    return new ScriptingConfig(scriptLibraryPath, maxCallbackTime, allow, serverInfo);
  }
}
