package org.nimbusmedia.server.meeting;

import java.util.Collection;
import org.nimbusmedia.rtmfp.meeting.Topology;

/**
 * Decides a meeting's topology: a mesh while every participant can go peer to peer and there are at
 * most {@code meshLimit} of them, client-server otherwise (seed article, "Multiparty
 * communications": a mesh needs n - 1 copies of each stream on each uplink).
 *
 * @param meshLimit most participants in a mesh; 0 never meshes
 * @param forced the topology a script imposes whatever the participants; null to decide
 */
public record MeetingPolicy(int meshLimit, Topology forced) {
  public MeetingPolicy {
    if (meshLimit < 0) {
      throw new IllegalArgumentException("meshLimit " + meshLimit + " < 0");
    }
  }

  /** The topology and why, in words for the log and the admin API. */
  public record Decision(Topology topology, String reason) {}

  public Decision decide(Collection<Participant> participants) {
    if (forced != null) {
      return new Decision(forced, "set by the application");
    }
    for (Participant p : participants) {
      if (!p.canGoDirect()) {
        return new Decision(
            Topology.CLIENT_SERVER, p.name() + " has no peer-to-peer path (" + p.protocol() + ")");
      }
    }
    if (participants.size() > meshLimit) {
      return new Decision(
          Topology.CLIENT_SERVER,
          participants.size() + " participants, more than the mesh limit " + meshLimit);
    }
    return new Decision(
        Topology.MESH, participants.size() + " participants, mesh limit " + meshLimit);
  }

  public MeetingPolicy withMeshLimit(int newLimit) {
    return new MeetingPolicy(newLimit, forced);
  }

  public MeetingPolicy withForced(Topology newForced) {
    return new MeetingPolicy(meshLimit, newForced);
  }
}
