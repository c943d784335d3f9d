package org.nimbusmedia.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an admin call in FMS's shape ({@code reference/fms4.md} section 5.1): {@code code},
 * {@code level}, {@code timestamp}, then {@code data} on success or {@code description} on failure.
 * Written as JSON, or as FMS's XML ({@code <result><level/><code/><timestamp/><data/></result>})
 * for {@code ?format=xml}: maps become elements named by their keys, list items {@code <_0>},
 * {@code <_1>}..., as FMS named array elements.
 */
record AdminReply(String code, String level, Instant timestamp, Object data, String description) {
  static final String SUCCESS = "NetConnection.Call.Success";

  private static final ObjectMapper JSON = new ObjectMapper();

  static AdminReply success(Object data, Instant now) {
    return new AdminReply(SUCCESS, "status", now, data, null);
  }

  static AdminReply error(String code, String description, Instant now) {
    return new AdminReply(code, "error", now, null, description);
  }

  private Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("code", code);
    fields.put("level", level);
    fields.put("timestamp", timestamp.toString());
    if (description != null) {
      fields.put("description", description);
    }
    if (data != null) {
      fields.put("data", data);
    }
    return fields;
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(fields());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("admin data is not serialisable", e);
    }
  }

  String toXml() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<result>");
    Map<String, Object> fields = fields();
    // FMS's element order: level first.
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("level", fields.remove("level"));
    ordered.putAll(fields);
    ordered.forEach((name, value) -> element(xml, name, value));
    return xml.append("</result>\n").toString();
  }

  private static void element(StringBuilder xml, String name, Object value) {
    String tag = elementName(name);
    xml.append('<').append(tag).append('>');
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, inner) -> element(xml, String.valueOf(key), inner));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        element(xml, "_" + i, list.get(i));
      }
    } else if (value != null) {
      text(xml, String.valueOf(value));
    }
    xml.append("</").append(tag).append('>');
  }

  /** {@code name} when it is a safe XML name, else {@code _} and its safe characters. */
  static String elementName(String name) {
    StringBuilder tag = new StringBuilder();
    for (char c : name.toCharArray()) {
      tag.append(
          Character.isLetterOrDigit(c) && c < 0x80 || c == '_' || c == '-' || c == '.' ? c : '_');
    }
    if (tag.length() == 0 || !Character.isLetter(tag.charAt(0)) && tag.charAt(0) != '_') {
      tag.insert(0, '_');
    }
    return tag.toString();
  }

  private static void text(StringBuilder xml, String text) {
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            xml.append(c);
          }
        }
      }
    }
  }
}
