package org.nimbusmedia.server.config;

import java.nio.file.Path;

/** Where log files go ({@code conf/logback.xml} reads it as {@code ${nimbus.logDir}}). */
public record LoggingConfig(Path directory) {
  public LoggingConfig {
    directory = Check.orDefault(directory, Path.of("logs"));
  }

  public static LoggingConfig defaults() {
    return new LoggingConfig(null);
  }
}
