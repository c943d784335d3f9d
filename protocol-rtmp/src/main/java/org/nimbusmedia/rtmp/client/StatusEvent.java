package org.nimbusmedia.rtmp.client;

import java.util.Map;
import java.util.Objects;

/**
 * One {@code onStatus} command received from the server: NetConnection status on stream 0,
 * NetStream status on a stream id (RTMP 1.0 section 7.2.2).
 *
 * @param streamId the message stream the status came on
 * @param info the info object (level, code, description and whatever else the server added)
 */
public record StatusEvent(int streamId, Map<String, Object> info) {

  public StatusEvent {
    Objects.requireNonNull(info, "info");
  }

  /** The {@code code} member, e.g. {@code NetStream.Publish.Start}; empty when absent. */
  public String code() {
    return Infos.string(info, "code");
  }

  /** The {@code level} member: {@code status}, {@code warning} or {@code error}. */
  public String level() {
    return Infos.string(info, "level");
  }

  /** The {@code description} member; empty when absent. */
  public String description() {
    return Infos.string(info, "description");
  }

  /** Whether the level is {@code error}. */
  public boolean isError() {
    return "error".equals(level());
  }
}
