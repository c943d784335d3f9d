package org.nimbusmedia.server.log;

/**
 * The fields of an access log line, in the order they are written: a subset of FMS 4's 58 fields
 * ({@code reference/fms4.md} section 5.3) with the same names, so tools written for FMS logs find
 * them by the {@code #Fields:} header.
 */
enum AccessField {
  X_EVENT("x-event"),
  X_CATEGORY("x-category"),
  DATE("date"),
  TIME("time"),
  TZ("tz"),
  X_CTX("x-ctx"),
  S_IP("s-ip"),
  X_PID("x-pid"),
  X_VHOST("x-vhost"),
  X_APP("x-app"),
  X_APPINST("x-appinst"),
  X_DURATION("x-duration"),
  X_STATUS("x-status"),
  C_IP("c-ip"),
  C_PROTO("c-proto"),
  S_URI("s-uri"),
  CS_URI_STEM("cs-uri-stem"),
  CS_URI_QUERY("cs-uri-query"),
  C_REFERRER("c-referrer"),
  C_USER_AGENT("c-user-agent"),
  C_CLIENT_ID("c-client-id"),
  CS_BYTES("cs-bytes"),
  SC_BYTES("sc-bytes"),
  X_SNAME("x-sname"),
  X_FILE_NAME("x-file-name"),
  X_SID("x-sid"),
  X_COMMENT("x-comment");

  private final String header;

  AccessField(String header) {
    this.header = header;
  }

  /** The field's name in the {@code #Fields:} line. */
  String header() {
    return header;
  }
}
