package org.nimbusmedia.server.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmfp.meeting.Topology;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.host.MeetingHost;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.meeting.Meeting;
import org.nimbusmedia.server.meeting.MeetingMember;
import org.nimbusmedia.server.meeting.MeetingPolicy;
import org.nimbusmedia.server.meeting.Participant;

/** {@code application.getMeeting(name)} of an instance's script. */
final class ScriptMeetings implements MeetingHost {
  /** Same bound as the configuration's {@code live.meetings.meshLimit}. */
  private static final int MAX_MESH_LIMIT = 16;

  private final ApplicationInstance instance;

  ScriptMeetings(ApplicationInstance instance) {
    this.instance = instance;
  }

  @Override
  public MeetingHandle get(String name) {
    return instance.meetings().get(name).map(Handle::new).orElse(null);
  }

  private final class Handle implements MeetingHandle {
    private final Meeting meeting;

    Handle(Meeting meeting) {
      this.meeting = meeting;
    }

    @Override
    public String name() {
      return meeting.name();
    }

    @Override
    public boolean join(ClientHandle client, String name, String stream) {
      Participant participant =
          new Participant(
              client.id(),
              name.isEmpty() ? client.id() : name,
              client.protocol(),
              client.farId(),
              stream);
      if (!meeting.join(participant, new Member(client))) {
        return false;
      }
      // The connection may have closed meanwhile; its leave then came before this join.
      if (instance.clients().stream().noneMatch(c -> c.id().equals(client.id()))) {
        meeting.leave(client.id());
        return false;
      }
      return true;
    }

    @Override
    public boolean leave(ClientHandle client) {
      return meeting.leave(client.id());
    }

    @Override
    public String topology() {
      return meeting.topology().code();
    }

    @Override
    public int meshLimit() {
      return meeting.policy().meshLimit();
    }

    @Override
    public void setPolicy(Integer meshLimit, String topology) {
      MeetingPolicy policy = meeting.policy();
      if (meshLimit != null) {
        if (meshLimit < 0 || meshLimit > MAX_MESH_LIMIT) {
          throw new IllegalArgumentException(
              "meshLimit " + meshLimit + " is not between 0 and " + MAX_MESH_LIMIT);
        }
        policy = policy.withMeshLimit(meshLimit);
      }
      if (topology != null) {
        Topology forced = Topology.of(topology);
        if (forced == null && !topology.equals("auto")) {
          throw new IllegalArgumentException(
              "topology " + topology + " is not mesh, client-server or auto");
        }
        policy = policy.withForced(forced);
      }
      meeting.setPolicy(policy);
    }

    @Override
    public List<Map<String, Object>> participants() {
      List<Map<String, Object>> list = new ArrayList<>();
      meeting.participants().forEach(p -> list.add(p.toAmf()));
      return list;
    }

    @Override
    public boolean reportDirect(
        ClientHandle reporter, String publisher, String subscriber, boolean ok) {
      return meeting.reportDirect(reporter.id(), publisher, subscriber, ok);
    }

    @Override
    public Map<String, Object> stats() {
      return meeting.stats();
    }
  }

  /** Tells a participant through its connection. */
  private record Member(ClientHandle client) implements MeetingMember {
    @Override
    public String id() {
      return client.id();
    }

    @Override
    public void call(String method, Object argument) {
      client.call(method, List.of(argument), null);
    }
  }
}
