package org.nimbusmedia.server.admin;

import java.util.Map;
import org.nimbusmedia.server.app.AppAddress;

/** The query parameters of one admin call, read with FMS's parameter names. */
record AdminParams(Map<String, String> values) {
  /** Longest parameter value read; the HTTP codec already bounds the whole request line. */
  static final int MAX_VALUE_LENGTH = 1024;

  String required(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw AdminException.badValue("Missing parameter " + name + ".");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw AdminException.badValue("Parameter " + name + " is too long.");
    }
    return value;
  }

  String optional(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : required(name);
  }

  /** {@code appInst}: {@code app} or {@code app/instance} ({@code _definst_} when absent). */
  AppAddress instance() {
    String text = required("appInst");
    return AppAddress.parse(text)
        .orElseThrow(() -> AdminException.badValue("Invalid application instance " + text + "."));
  }

  /** {@code appInst} as an application name only, or null when the parameter names an instance. */
  String applicationOnly() {
    String text = required("appInst");
    return text.indexOf('/') < 0 ? instance().application() : null;
  }

  boolean flag(String name) {
    String value = values.get(name);
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
  }
}
