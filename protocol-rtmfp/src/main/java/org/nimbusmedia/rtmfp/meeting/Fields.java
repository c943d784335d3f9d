package org.nimbusmedia.rtmfp.meeting;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of the AMF objects the server's meeting calls carry; a missing or mistyped field
 * throws {@link IllegalArgumentException} naming it, so that one malformed call is dropped whole.
 */
final class Fields {
  private Fields() {}

  static String text(Map<?, ?> object, String key) {
    return get(object, key, String.class);
  }

  static double number(Map<?, ?> object, String key) {
    return get(object, key, Number.class).doubleValue();
  }

  static boolean flag(Map<?, ?> object, String key) {
    return get(object, key, Boolean.class);
  }

  static Map<?, ?> object(Map<?, ?> object, String key) {
    return get(object, key, Map.class);
  }

  static List<?> list(Map<?, ?> object, String key) {
    return get(object, key, List.class);
  }

  /** {@code value} as an object, or a failure naming {@code what}. */
  static Map<?, ?> asObject(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException(what + " is not an object: " + value);
  }

  private static <T> T get(Map<?, ?> object, String key, Class<T> type) {
    Object value = object.get(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          key
              + " is not a "
              + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + ": "
              + value);
    }
    return type.cast(value);
  }
}
