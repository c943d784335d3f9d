package org.nimbusmedia.server.config;

/**
 * A configuration file that cannot be used. The message names the file, the key path, the value and
 * what was expected, and is meant to be shown to the operator as it is.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String keyPath;

  public ConfigException(String source, String keyPath, String problem) {
    super(source + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
    this.source = source;
    this.keyPath = keyPath;
  }

  /** The file (or other source) the problem is in. */
  public String source() {
    return source;
  }

  /**
   * The dotted path of the key at fault, such as {@code server.listeners.rtmp.port}; empty for the
   * whole file.
   */
  public String keyPath() {
    return keyPath;
  }
}
