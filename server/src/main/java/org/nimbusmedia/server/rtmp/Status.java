package org.nimbusmedia.server.rtmp;

import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * The info objects of {@code onStatus}, {@code _result} and {@code _error} with the fields players
 * read: {@code level}, {@code code}, {@code description}, and for stream events {@code details} and
 * {@code clientid} (FMS 4 status codes, {@code reference/fms4.md} 1.10).
 */
final class Status {
  private Status() {}

  static AmfObject status(String code, String description) {
    return AmfObject.of("level", "status", "code", code, "description", description);
  }

  static AmfObject error(String code, String description) {
    return AmfObject.of("level", "error", "code", code, "description", description);
  }

  /** A NetStream event about {@code streamName} for client {@code clientId}. */
  static AmfObject stream(
      String level, String code, String description, String streamName, String clientId) {
    return AmfObject.of(
        "level",
        level,
        "code",
        code,
        "description",
        description,
        "details",
        streamName,
        "clientid",
        clientId);
  }
}
