package org.nimbusmedia.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where applications live and how long an idle instance stays loaded.
 *
 * @param directory one folder per application; relative paths are taken from the directory the
 *     server was started in
 * @param instanceIdleTimeout time an instance with no client stays loaded ({@code MaxAppIdleTime}
 *     in FMS, 20 minutes)
 */
public record ApplicationsConfig(Path directory, Duration instanceIdleTimeout) {
  public ApplicationsConfig {
    directory = Check.orDefault(directory, Path.of("apps"));
    instanceIdleTimeout =
        Check.range(
            "instanceIdleTimeout",
            Check.orDefault(instanceIdleTimeout, Duration.ofMinutes(20)),
            Duration.ZERO,
            Duration.ofDays(7));
  }

  public static ApplicationsConfig defaults() {
    return new ApplicationsConfig(null, null);
  }

  public ApplicationsConfig withDirectory(Path newDirectory) {
    return new ApplicationsConfig(newDirectory, instanceIdleTimeout);
  }
}
