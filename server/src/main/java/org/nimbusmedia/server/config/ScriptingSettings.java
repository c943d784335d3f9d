package org.nimbusmedia.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Server-Side ActionScript ({@code main.asc}) settings, FMS's {@code Application.xml ScriptEngine}.
 *
 * @param libraryPath folders {@code load(file)} searches after the application's own folder (FMS
 *     {@code APP.JS_SCRIPTLIBPATH}); relative paths are taken from the start directory
 * @param maxCallbackTime longest a single script callback may run before it is stopped as a runaway
 *     ({@code ScriptEngine/MaxTimeOut})
 * @param allowJavaAccess whether scripts may reach Java classes; off unless turned on on purpose
 */
public record ScriptingSettings(
    List<Path> libraryPath, Duration maxCallbackTime, Boolean allowJavaAccess) {
  public ScriptingSettings {
    libraryPath = List.copyOf(Check.orDefault(libraryPath, List.of(Path.of("scriptlib"))));
    maxCallbackTime =
        Check.range(
            "maxCallbackTime",
            Check.orDefault(maxCallbackTime, Duration.ofSeconds(20)),
            Duration.ofMillis(10),
            Duration.ofHours(1));
    allowJavaAccess = Check.orDefault(allowJavaAccess, false);
  }

  public static ScriptingSettings defaults() {
    return new ScriptingSettings(null, null, null);
  }
}
