package org.nimbusmedia.server.config;

import java.time.Duration;

/** The server's sockets and how long a clean stop may take before connections are cut. */
public record ServerConfig(ListenersConfig listeners, Duration shutdownTimeout) {
  public ServerConfig {
    listeners = Check.orDefault(listeners, ListenersConfig.defaults());
    shutdownTimeout =
        Check.range(
            "shutdownTimeout",
            Check.orDefault(shutdownTimeout, Duration.ofSeconds(5)),
            Duration.ZERO,
            Duration.ofMinutes(5));
  }

  public static ServerConfig defaults() {
    return new ServerConfig(null, null);
  }
}
