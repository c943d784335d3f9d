package org.nimbusmedia.server.meeting;

import java.util.List;
import org.nimbusmedia.server.so.SharedObject;
import org.nimbusmedia.server.so.SharedObjectException;
import org.nimbusmedia.server.so.SharedObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary shared object {@code meetings/<name>} that mirrors a meeting for clients that
 * follow shared objects rather than calls (the seed sample's participant list): slots {@code
 * participants} (an array of {id, name, protocol, peerId, stream}), {@code topology} and {@code
 * version}.
 */
public final class MeetingRoster {
  private static final Logger log = LoggerFactory.getLogger(MeetingRoster.class);

  /** Where every meeting's shared object lives; clients {@code SharedObject.getRemote} it. */
  public static final String PREFIX = "meetings/";

  private final SharedObjects objects;
  private final SharedObject object;

  private MeetingRoster(SharedObjects objects, SharedObject object) {
    this.objects = objects;
    this.object = object;
  }

  /** Opens the meeting's shared object; null when the instance refuses it (too many objects). */
  static MeetingRoster open(SharedObjects objects, String meeting) {
    try {
      return new MeetingRoster(objects, objects.open(PREFIX + meeting, false));
    } catch (SharedObjectException e) {
      log.warn("Meeting {} has no roster shared object: {}", meeting, e.getMessage());
      return new MeetingRoster(objects, null);
    }
  }

  /** Changes the slots in one batch, so that subscribers see one consistent update. */
  void update(String topology, long version, List<Object> participants) {
    if (object == null) {
      return;
    }
    object.lock();
    try {
      object.set("participants", participants);
      object.set("topology", topology);
      object.set("version", (double) version);
    } finally {
      object.unlock();
    }
  }

  void close() {
    if (object != null) {
      objects.close(object);
    }
  }
}
