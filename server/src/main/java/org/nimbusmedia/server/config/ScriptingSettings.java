package org.nimbusmedia.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.nimbusmedia.scripting.ScriptingConfig;

/**
 * Server-Side ActionScript ({@code main.asc}) settings, FMS's {@code Application.xml ScriptEngine}
 * and {@code HTTP} elements.
 *
 * @param libraryPath folders {@code load(file)} searches after the application's own folder (FMS
 *     {@code APP.JS_SCRIPTLIBPATH}); relative paths are taken from the start directory
 * @param maxCallbackTime longest a single script callback may run before it is stopped as a runaway
 *     ({@code ScriptEngine/MaxTimeOut})
 * @param maxCallbackAllocation bytes a single script callback may allocate before it is stopped as
 *     a runaway, so that an allocation loop in one application cannot exhaust the heap the others
 *     share (1 MiB to 16 GiB)
 * @param allowJavaAccess whether scripts may reach Java classes; off unless turned on on purpose
 * @param httpTimeout longest an HTTP request of a script ({@code XML.load}, {@code LoadVars}, an
 *     AMF gateway call) may take, from sending to the last byte of the answer
 * @param httpMaxResponseSize largest HTTP answer body a script may receive, in bytes
 * @param netConnectionTimeout longest a server-side {@code NetConnection.connect} to another RTMP
 *     server may take before it fails with {@code NetConnection.Connect.Failed}
 * @param maxOutgoing most outgoing connections and HTTP requests one instance may have open at once
 */
public record ScriptingSettings(
    List<Path> libraryPath,
    Duration maxCallbackTime,
    Long maxCallbackAllocation,
    Boolean allowJavaAccess,
    Duration httpTimeout,
    Integer httpMaxResponseSize,
    Duration netConnectionTimeout,
    Integer maxOutgoing) {
  public ScriptingSettings {
    libraryPath = List.copyOf(Check.orDefault(libraryPath, List.of(Path.of("scriptlib"))));
    maxCallbackTime =
        Check.range(
            "maxCallbackTime",
            Check.orDefault(maxCallbackTime, Duration.ofSeconds(20)),
            Duration.ofMillis(10),
            Duration.ofHours(1));
    maxCallbackAllocation =
        Check.range(
            "maxCallbackAllocation",
            Check.orDefault(maxCallbackAllocation, ScriptingConfig.DEFAULT_MAX_CALLBACK_ALLOCATION),
            1L << 20,
            16L << 30);
    allowJavaAccess = Check.orDefault(allowJavaAccess, false);
    httpTimeout =
        Check.range(
            "httpTimeout",
            Check.orDefault(httpTimeout, Duration.ofSeconds(10)),
            Duration.ofMillis(100),
            Duration.ofMinutes(10));
    httpMaxResponseSize =
        Check.range(
            "httpMaxResponseSize", Check.orDefault(httpMaxResponseSize, 4 << 20), 1024, 256 << 20);
    netConnectionTimeout =
        Check.range(
            "netConnectionTimeout",
            Check.orDefault(netConnectionTimeout, Duration.ofSeconds(10)),
            Duration.ofMillis(100),
            Duration.ofMinutes(10));
    maxOutgoing = Check.range("maxOutgoing", Check.orDefault(maxOutgoing, 64), 1, 100_000);
  }

  public static ScriptingSettings defaults() {
    return new ScriptingSettings(null, null, null, null, null, null, null, null);
  }
}
