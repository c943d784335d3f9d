package org.nimbusmedia.server.config;

import java.time.Duration;

/** Range checks used by the config records' constructors; each names the key it checks. */
final class Check {
  private Check() {}

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidValueException(key, value, "an integer from " + min + " to " + max);
    }
    return value;
  }

  static long range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidValueException(key, value, "an integer from " + min + " to " + max);
    }
    return value;
  }

  static Duration range(String key, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidValueException(
          key,
          Durations.format(value),
          "a duration from " + Durations.format(min) + " to " + Durations.format(max));
    }
    return value;
  }

  static String notBlank(String key, String value) {
    if (value.isBlank()) {
      throw new InvalidValueException(key, "\"" + value + "\"", "a non-empty string");
    }
    return value;
  }

  static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
