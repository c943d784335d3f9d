package org.nimbusmedia.rtmp.client;

import java.util.Map;

/**
 * The server refused something: an {@code _error} answer to {@code connect} or a call, or an
 * error-level {@code onStatus} for a stream operation. Carries the server's info object.
 */
public final class RtmpStatusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, Object> info;

  /**
   * @param context what was refused, e.g. {@code connect to rtmp://host/app}
   * @param info the server's info object
   */
  public RtmpStatusException(String context, Map<String, Object> info) {
    super(
        context
            + " failed: "
            + Infos.string(info, "code")
            + (Infos.string(info, "description").isEmpty()
                ? ""
                : " (" + Infos.string(info, "description") + ")"));
    this.info = info;
  }

  /** The info object as the server sent it. */
  public Map<String, Object> info() {
    return info;
  }

  /** The {@code code} member, e.g. {@code NetConnection.Connect.Rejected}. */
  public String code() {
    return Infos.string(info, "code");
  }

  /** The {@code description} member. */
  public String description() {
    return Infos.string(info, "description");
  }

  /**
   * The {@code application} member FMS adds to a rejected connect: the value the server script
   * passed to {@code application.rejectConnection}, or null.
   */
  public Object application() {
    return info.get("application");
  }
}
