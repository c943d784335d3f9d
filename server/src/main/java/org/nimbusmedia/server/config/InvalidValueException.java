package org.nimbusmedia.server.config;

/**
 * Thrown by a config record's constructor when one of its own values is out of range. The key is
 * relative to the record; {@link ConfigLoader} prefixes the path of the record in the file.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object value;
  private final String expected;

  public InvalidValueException(String key, Object value, String expected) {
    super(key + " = " + value + ": expected " + expected);
    this.key = key;
    this.value = value;
    this.expected = expected;
  }

  public String key() {
    return key;
  }

  public Object value() {
    return value;
  }

  public String expected() {
    return expected;
  }
}
