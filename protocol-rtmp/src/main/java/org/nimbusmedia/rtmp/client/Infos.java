package org.nimbusmedia.rtmp.client;

import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmp.amf.AmfObject;

/** Reading and building FMS info objects ({@code level}, {@code code}, {@code description}). */
final class Infos {

  private Infos() {}

  /** A string member of an info object, or empty. */
  static String string(Map<String, Object> info, String key) {
    return info.get(key) instanceof String s ? s : "";
  }

  /** The value as an info object; anything that is not a map becomes an empty one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asInfo(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new AmfObject();
  }

  /** The first argument of a command as an info object. */
  static Map<String, Object> firstInfo(List<Object> arguments) {
    return asInfo(arguments.isEmpty() ? null : arguments.get(0));
  }

  /** An error info object, as Flash Player answers a call it cannot serve. */
  static AmfObject error(String code, String description) {
    return AmfObject.of("level", "error", "code", code, "description", description);
  }
}
