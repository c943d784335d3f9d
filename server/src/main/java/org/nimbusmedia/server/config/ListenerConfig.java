package org.nimbusmedia.server.config;

/**
 * One front end's socket: whether it runs, the address it binds and its port (0 picks a free port,
 * which tests use).
 */
public record ListenerConfig(Boolean enabled, String bind, Integer port) {
  public ListenerConfig {
    if (bind != null) {
      Check.notBlank("bind", bind);
    }
    if (port != null) {
      Check.range("port", port, 0, 65_535);
    }
  }

  /** This listener with every absent value taken from {@code defaults}. */
  ListenerConfig withDefaults(ListenerConfig defaults) {
    return new ListenerConfig(
        Check.orDefault(enabled, defaults.enabled),
        Check.orDefault(bind, defaults.bind),
        Check.orDefault(port, defaults.port));
  }

  public ListenerConfig withPort(int newPort) {
    return new ListenerConfig(enabled, bind, newPort);
  }

  public ListenerConfig withBind(String newBind) {
    return new ListenerConfig(enabled, newBind, port);
  }

  public ListenerConfig withEnabled(boolean newEnabled) {
    return new ListenerConfig(newEnabled, bind, port);
  }
}
