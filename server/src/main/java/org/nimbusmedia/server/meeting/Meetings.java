package org.nimbusmedia.server.meeting;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nimbusmedia.server.config.MeetingsConfig;
import org.nimbusmedia.server.so.SharedObjects;

/** The meetings of one application instance, by name, made on first use. */
public final class Meetings {
  /** More meetings than this in one instance is a script creating them in a loop. */
  static final int MAX_MEETINGS = 10_000;

  /**
   * Every change sends each participant a plan that lists everyone, so a change costs the square of
   * the participants: a meeting is a conversation, not an audience.
   */
  static final int MAX_PARTICIPANTS = 256;

  private final String instance;
  private final MeetingsConfig config;
  private final SharedObjects sharedObjects;
  private final Clock clock;
  private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();

  public Meetings(
      String instance, MeetingsConfig config, SharedObjects sharedObjects, Clock clock) {
    this.instance = instance;
    this.config = config;
    this.sharedObjects = sharedObjects;
    this.clock = clock;
  }

  /** The meeting named {@code name}, made when needed; empty for a bad name or too many. */
  public synchronized Optional<Meeting> get(String name) {
    Meeting meeting = meetings.get(name);
    if (meeting != null) {
      return Optional.of(meeting);
    }
    if (!validName(name) || meetings.size() >= MAX_MEETINGS) {
      return Optional.empty();
    }
    meeting =
        new Meeting(
            name,
            instance,
            MAX_PARTICIPANTS,
            new MeetingPolicy(config.meshLimit(), null),
            config.directTimeout(),
            MeetingRoster.open(sharedObjects, name),
            clock);
    meetings.put(name, meeting);
    return Optional.of(meeting);
  }

  public Optional<Meeting> find(String name) {
    return Optional.ofNullable(meetings.get(name));
  }

  /** The meetings now, for the admin API. */
  public List<Meeting> all() {
    return List.copyOf(meetings.values());
  }

  /** A client's connection closed: it leaves every meeting it was in. */
  public void leaveAll(String clientId) {
    meetings.values().forEach(m -> m.leave(clientId));
  }

  /**
   * A report from a client on a direct stream of the named meeting; false when there is no such
   * meeting or pair.
   */
  public boolean reportDirect(
      String meeting, String reporterId, String publisherId, String subscriberId, boolean ok) {
    Meeting m = meetings.get(meeting);
    return m != null && m.reportDirect(reporterId, publisherId, subscriberId, ok);
  }

  /** The instance unloads. */
  public synchronized void closeAll() {
    meetings.values().forEach(Meeting::close);
    meetings.clear();
  }

  /** A meeting name is also a shared object path segment: letters, digits, {@code - _ .}. */
  static boolean validName(String name) {
    if (name.isEmpty() || name.length() > 128) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return !name.equals(".") && !name.equals("..");
  }
}
