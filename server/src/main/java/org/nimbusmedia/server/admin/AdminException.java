package org.nimbusmedia.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An admin call that cannot be answered with data: the FMS error code and description for the
 * reply, and the HTTP status that goes with it.
 */
final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A parameter is missing or names nothing that exists (FMS's code for a bad argument). */
  static final String BAD_VALUE = "NetConnection.Call.BadValue";

  /** The method does not exist or could not do its work. */
  static final String FAILED = "NetConnection.Call.Failed";

  private final String code;
  private final transient HttpResponseStatus status;

  AdminException(String code, HttpResponseStatus status, String description) {
    super(description);
    this.code = code;
    this.status = status;
  }

  static AdminException badValue(String description) {
    return new AdminException(BAD_VALUE, HttpResponseStatus.BAD_REQUEST, description);
  }

  static AdminException notFound(String description) {
    return new AdminException(BAD_VALUE, HttpResponseStatus.NOT_FOUND, description);
  }

  String code() {
    return code;
  }

  HttpResponseStatus status() {
    return status;
  }
}
