package org.nimbusmedia.server.meeting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import org.nimbusmedia.rtmfp.meeting.PairPath;
import org.nimbusmedia.rtmfp.meeting.Topology;
import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * What the participants of a meeting are told at one moment: each one's {@code onTopologyChange}
 * plan, the participant list and the path of every publisher-subscriber pair ("who publishes
 * where"), as AMF values.
 */
final class MeetingPlans {
  private final String meeting;
  private final long version;
  private final Topology topology;
  private final String reason;
  private final Duration directTimeout;
  private final Collection<Participant> participants;
  private final BiFunction<String, String, PairPath> paths;
  private final List<Object> participantList = new ArrayList<>();

  /**
   * @param paths the path from a publisher id to a subscriber id
   */
  MeetingPlans(
      String meeting,
      long version,
      Topology topology,
      String reason,
      Duration directTimeout,
      Collection<Participant> participants,
      BiFunction<String, String, PairPath> paths) {
    this.meeting = meeting;
    this.version = version;
    this.topology = topology;
    this.reason = reason;
    this.directTimeout = directTimeout;
    this.participants = participants;
    this.paths = paths;
    participants.forEach(p -> participantList.add(p.toAmf()));
  }

  /** {id, name, protocol, peerId, stream} of each participant, in joining order. */
  List<Object> participants() {
    return participantList;
  }

  /**
   * What {@code p} must do now: publish to the server, directly or both, and play each other
   * participant's stream by the pair's path.
   */
  AmfObject planFor(Participant p) {
    boolean toServer = false;
    boolean direct = false;
    List<Object> play = new ArrayList<>();
    for (Participant other : participants) {
      if (other == p) {
        continue;
      }
      PairPath out = paths.apply(p.id(), other.id());
      toServer |= out.needsServer();
      direct |= out.needsDirect();
      if (other.publishes()) {
        AmfObject entry = other.toAmf();
        entry.put("path", paths.apply(other.id(), p.id()).code());
        play.add(entry);
      }
    }
    return AmfObject.of(
        "meeting",
        meeting,
        "self",
        p.id(),
        "version",
        (double) version,
        "mode",
        topology.code(),
        "reason",
        reason,
        "directTimeout",
        (double) directTimeout.toMillis(),
        "publish",
        AmfObject.of(
            "stream",
            p.stream(),
            "server",
            p.publishes() && toServer,
            "direct",
            p.publishes() && direct),
        "play",
        play,
        "participants",
        participantList,
        // In client-server every pair relays: the list would only cost the square of the size.
        "routes",
        topology == Topology.MESH ? routes() : List.of());
  }

  /** {publisher, subscriber, path} of every pair whose publisher publishes. */
  List<Object> routes() {
    List<Object> list = new ArrayList<>();
    for (Participant publisher : participants) {
      if (!publisher.publishes()) {
        continue;
      }
      for (Participant subscriber : participants) {
        if (subscriber != publisher) {
          list.add(
              AmfObject.of(
                  "publisher", publisher.id(),
                  "subscriber", subscriber.id(),
                  "path", paths.apply(publisher.id(), subscriber.id()).code()));
        }
      }
    }
    return list;
  }
}
