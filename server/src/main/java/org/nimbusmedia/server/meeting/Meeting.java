package org.nimbusmedia.server.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmfp.meeting.PairPath;
import org.nimbusmedia.rtmfp.meeting.Topology;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One meeting (room) of an application instance: its participants, its topology and the path of
 * every publisher-subscriber pair. Every change is told to the participants at once: {@code
 * onParticipantJoin} and {@code onParticipantLeave} to the others, then {@code onTopologyChange}
 * with the whole plan to everyone, and the {@link MeetingRoster} shared object. Thread-safe: joins
 * come from the script thread, reports and leaves from the connections' event loops.
 */
public final class Meeting {
  private static final Logger log = LoggerFactory.getLogger(Meeting.class);

  /**
   * Every change sends each participant a plan that lists everyone, so a change costs the square of
   * the participants; a meeting is a conversation, not an audience.
   */
  static final int MAX_PARTICIPANTS = 256;

  private final String name;
  private final String instance;
  private final int maxParticipants;
  private final Duration directTimeout;
  private final Clock clock;
  private final MeetingRoster roster;
  private final Map<String, Participant> participants = new LinkedHashMap<>();
  private final Map<String, MeetingMember> members = new HashMap<>();
  private final Map<Pair, PairState> pairs = new HashMap<>();
  private MeetingPolicy policy;
  private Topology topology = Topology.MESH;
  private String reason = "no participants";
  private long version;
  private int switches;
  private Instant lastSwitch;

  private record Pair(String publisher, String subscriber) {}

  /** What is known of one pair's direct path. */
  private static final class PairState {
    /** A direct stream played for this pair since the meeting last left client-server. */
    boolean direct;

    /** The direct path failed once: the pair relays for the rest of the meeting. */
    boolean blocked;
  }

  Meeting(
      String name,
      String instance,
      int maxParticipants,
      MeetingPolicy policy,
      Duration directTimeout,
      MeetingRoster roster,
      Clock clock) {
    this.name = name;
    this.instance = instance;
    this.maxParticipants = maxParticipants;
    this.policy = policy;
    this.directTimeout = directTimeout;
    this.roster = roster;
    this.clock = clock;
  }

  public String name() {
    return name;
  }

  /**
   * Adds {@code participant}, or updates it when its client has joined before; the others hear
   * {@code onParticipantJoin}, everyone the new plan. False when the meeting is full.
   */
  public synchronized boolean join(Participant participant, MeetingMember member) {
    boolean rejoin = participants.containsKey(participant.id());
    if (!rejoin && participants.size() >= maxParticipants) {
      log.warn(
          "Meeting {} of {} is full ({}): {} not admitted",
          name,
          instance,
          maxParticipants,
          participant.name());
      return false;
    }
    participants.put(participant.id(), participant);
    members.put(participant.id(), member);
    if (!rejoin) {
      for (String other : participants.keySet()) {
        if (!other.equals(participant.id())) {
          pairs.put(new Pair(participant.id(), other), new PairState());
          pairs.put(new Pair(other, participant.id()), new PairState());
        }
      }
      tellOthers(participant.id(), "onParticipantJoin", participant.toAmf());
    }
    replan(participant.name() + (rejoin ? " updated" : " joined"));
    return true;
  }

  /** Removes the client's participant; false when it was not in the meeting. */
  public synchronized boolean leave(String clientId) {
    Participant gone = participants.remove(clientId);
    if (gone == null) {
      return false;
    }
    members.remove(clientId);
    pairs.keySet().removeIf(p -> p.publisher().equals(clientId) || p.subscriber().equals(clientId));
    tellOthers(clientId, "onParticipantLeave", gone.toAmf());
    replan(gone.name() + " left");
    return true;
  }

  /**
   * One end of a pair reports its direct stream: playing ({@code NetStream.Play.Start} at the
   * subscriber, {@code onPeerConnect} at the publisher) stops the relay for the pair; failed (no
   * start, or no media for {@code directTimeout}) resumes it. False when the reporter is not one of
   * the pair or the pair is unknown.
   */
  public synchronized boolean reportDirect(
      String reporterId, String publisherId, String subscriberId, boolean playing) {
    PairState state = pairs.get(new Pair(publisherId, subscriberId));
    if (state == null || !(reporterId.equals(publisherId) || reporterId.equals(subscriberId))) {
      return false;
    }
    PairPath before = path(publisherId, subscriberId);
    if (playing) {
      if (before != PairPath.TRYING) {
        return false; // late: the pair relays now, or is direct already
      }
      state.direct = true;
    } else {
      state.direct = false;
      state.blocked = true;
    }
    PairPath after = path(publisherId, subscriberId);
    if (before != after) {
      log.info(
          "Meeting {} of {}: {} -> {} now {} (reported by {})",
          name,
          instance,
          nameOf(publisherId),
          nameOf(subscriberId),
          after.code(),
          nameOf(reporterId));
      replan(nameOf(publisherId) + " -> " + nameOf(subscriberId) + " " + after.code());
    }
    return true;
  }

  /** A script's policy: takes effect at once. */
  public synchronized void setPolicy(MeetingPolicy newPolicy) {
    policy = newPolicy;
    replan("policy changed");
  }

  public synchronized MeetingPolicy policy() {
    return policy;
  }

  public synchronized Topology topology() {
    return topology;
  }

  public synchronized List<Participant> participants() {
    return List.copyOf(participants.values());
  }

  /** How {@code publisherId}'s stream reaches {@code subscriberId} now; null for no such pair. */
  public synchronized PairPath path(String publisherId, String subscriberId) {
    PairState state = pairs.get(new Pair(publisherId, subscriberId));
    if (state == null) {
      return null;
    }
    Participant publisher = participants.get(publisherId);
    Participant subscriber = participants.get(subscriberId);
    if (topology == Topology.CLIENT_SERVER
        || state.blocked
        || !publisher.canGoDirect()
        || !subscriber.canGoDirect()) {
      return PairPath.RELAY;
    }
    return state.direct ? PairPath.DIRECT : PairPath.TRYING;
  }

  /** The admin API's view ({@code getMeetings}). */
  public synchronized AmfObject stats() {
    return AmfObject.of(
        "name",
        name,
        "topology",
        topology.code(),
        "reason",
        reason,
        "mesh_limit",
        (double) policy.meshLimit(),
        "switches",
        (double) switches,
        "last_switch",
        lastSwitch == null ? "" : lastSwitch.toString(),
        "version",
        (double) version,
        "participants",
        plans().participants(),
        "routes",
        plans().routes());
  }

  /** The meeting is over (its instance unloads): the roster shared object is let go. */
  public synchronized void close() {
    roster.close();
  }

  private void replan(String trigger) {
    MeetingPolicy.Decision decision = policy.decide(participants.values());
    if (decision.topology() != topology) {
      log.info(
          "Meeting {} of {} switched from {} to {} after {}: {}",
          name,
          instance,
          topology.code(),
          decision.topology().code(),
          trigger,
          decision.reason());
      topology = decision.topology();
      switches++;
      lastSwitch = clock.instant();
      if (topology == Topology.CLIENT_SERVER) {
        // The participants close their direct streams: going back to a mesh starts over.
        pairs.values().forEach(s -> s.direct = false);
      }
    }
    reason = decision.reason();
    version++;
    MeetingPlans plans = plans();
    roster.update(topology.code(), version, plans.participants());
    for (Participant p : participants.values()) {
      members.get(p.id()).call("onTopologyChange", plans.planFor(p));
    }
  }

  private MeetingPlans plans() {
    return new MeetingPlans(
        name, version, topology, reason, directTimeout, participants.values(), this::path);
  }

  private void tellOthers(String exceptId, String method, Object argument) {
    members.forEach(
        (id, member) -> {
          if (!id.equals(exceptId)) {
            member.call(method, argument);
          }
        });
  }

  private String nameOf(String id) {
    Participant p = participants.get(id);
    return p == null ? id : p.name();
  }
}
