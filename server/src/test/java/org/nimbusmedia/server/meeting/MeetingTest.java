package org.nimbusmedia.server.meeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.meeting.PairPath;
import org.nimbusmedia.rtmfp.meeting.Topology;
import org.nimbusmedia.server.config.MeetingsConfig;
import org.nimbusmedia.server.so.SharedObject;
import org.nimbusmedia.server.so.SharedObjectSettings;
import org.nimbusmedia.server.so.SharedObjects;

/** The policy and pair paths of a meeting, and what its participants are told. */
class MeetingTest {
  private final SharedObjects objects =
      new SharedObjects(new SharedObjectSettings(null, 10, 10, 65536, 10, 10), "app", "inst");
  private final Meetings meetings =
      new Meetings("app/inst", MeetingsConfig.defaults(), objects, Clock.systemUTC());
  private final Meeting meeting = meetings.get("room").orElseThrow();

  /** Records what a participant is told. */
  private static final class Recorder implements MeetingMember {
    final String id;
    final List<String> calls = new ArrayList<>();
    Map<?, ?> plan;

    Recorder(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void call(String method, Object argument) {
      Map<?, ?> info = (Map<?, ?>) argument;
      calls.add(method + " " + (info.containsKey("name") ? info.get("name") : info.get("mode")));
      if (method.equals("onTopologyChange")) {
        plan = info;
      }
    }

    Map<?, ?> publish() {
      return (Map<?, ?>) plan.get("publish");
    }

    String pathFrom(String publisherId) {
      for (Object entry : (List<?>) plan.get("play")) {
        if (((Map<?, ?>) entry).get("id").equals(publisherId)) {
          return (String) ((Map<?, ?>) entry).get("path");
        }
      }
      return "none";
    }
  }

  private Recorder join(String id, String protocol) {
    Recorder member = new Recorder(id);
    String peerId = protocol.equals("rtmfp") ? "ab" + id : "";
    meeting.join(new Participant(id, id, protocol, peerId, id + "-cam"), member);
    return member;
  }

  @Test
  void twoRtmfpParticipantsMeshAndTryDirectWhileTheServerRelays() {
    Recorder a = join("a", "rtmfp");
    assertEquals(false, a.publish().get("server"), "alone: nobody to send to");
    Recorder b = join("b", "rtmfp");

    assertEquals(Topology.MESH, meeting.topology());
    assertEquals(
        List.of("onTopologyChange mesh", "onParticipantJoin b", "onTopologyChange mesh"), a.calls);
    assertEquals("trying", a.pathFrom("b"));
    assertEquals(true, a.publish().get("server"));
    assertEquals(true, a.publish().get("direct"));
  }

  @Test
  void directPlayStopsThePairsRelayAndAFailureResumesIt() {
    Recorder a = join("a", "rtmfp");
    Recorder b = join("b", "rtmfp");

    assertTrue(meeting.reportDirect("b", "a", "b", true));
    assertEquals(PairPath.DIRECT, meeting.path("a", "b"));
    assertEquals(PairPath.TRYING, meeting.path("b", "a"), "the other direction is its own pair");
    assertEquals(false, a.publish().get("server"), "a's only subscriber gets it directly");
    assertEquals("direct", b.pathFrom("a"));

    assertTrue(meeting.reportDirect("b", "a", "b", false));
    assertEquals(PairPath.RELAY, meeting.path("a", "b"));
    assertEquals(true, a.publish().get("server"));
    assertEquals(false, a.publish().get("direct"), "b->a still tries, but a->b relays");
    assertEquals(Topology.MESH, meeting.topology(), "one blocked pair relays alone");
  }

  @Test
  void aLateReportDoesNotMakeARelayedPairDirect() {
    join("a", "rtmfp");
    join("b", "rtmfp");
    join("rtmp", "rtmp");
    assertFalse(meeting.reportDirect("b", "a", "b", true), "client-server: a report from before");
    meeting.leave("rtmp");
    assertEquals(PairPath.TRYING, meeting.path("a", "b"));
  }

  @Test
  void aFullMeetingAdmitsNoOneMore() {
    Meeting small =
        new Meeting(
            "small",
            "app/inst",
            2,
            new MeetingPolicy(3, null),
            Duration.ofSeconds(3),
            MeetingRoster.open(objects, "small"),
            Clock.systemUTC());
    small.join(new Participant("a", "a", "rtmp", "", ""), new Recorder("a"));
    small.join(new Participant("b", "b", "rtmp", "", ""), new Recorder("b"));
    Recorder late = new Recorder("late");
    assertFalse(small.join(new Participant("late", "late", "rtmp", "", ""), late));
    assertTrue(late.calls.isEmpty());
    assertEquals(2, small.participants().size());
    assertTrue(small.join(new Participant("a", "a2", "rtmp", "", ""), new Recorder("a")), "update");
  }

  @Test
  void onlyAnEndOfThePairMayReport() {
    join("a", "rtmfp");
    join("b", "rtmfp");
    join("c", "rtmfp");
    assertFalse(meeting.reportDirect("c", "a", "b", true));
    assertFalse(meeting.reportDirect("a", "a", "nobody", true));
    assertEquals(PairPath.TRYING, meeting.path("a", "b"));
  }

  @Test
  void aFourthParticipantSwitchesToClientServerAndALeaveSwitchesBack() {
    Recorder a = join("a", "rtmfp");
    join("b", "rtmfp");
    join("c", "rtmfp");
    meeting.reportDirect("b", "a", "b", true);
    assertEquals(Topology.MESH, meeting.topology());

    Recorder d = join("d", "rtmfp");
    assertEquals(Topology.CLIENT_SERVER, meeting.topology());
    assertEquals(List.of(), a.plan.get("routes"), "every pair relays: no list");
    assertEquals("relay", a.pathFrom("b"));
    assertEquals(false, a.publish().get("direct"));
    assertEquals(true, a.publish().get("server"));

    assertTrue(meeting.leave("d"));
    assertEquals(Topology.MESH, meeting.topology());
    assertEquals(PairPath.TRYING, meeting.path("a", "b"), "direct is tried again after a switch");
    assertTrue(a.calls.contains("onParticipantLeave d"));
    assertEquals(2, ((Number) meeting.stats().get("switches")).intValue());
    assertFalse(meeting.leave("d"));
    assertTrue(d.calls.stream().noneMatch(c -> c.equals("onParticipantLeave d")));
  }

  @Test
  void anRtmpParticipantForcesClientServerWhileItIsThere() {
    join("a", "rtmfp");
    join("b", "rtmfp");
    join("flash9", "rtmp");
    assertEquals(Topology.CLIENT_SERVER, meeting.topology());
    assertTrue(((String) meeting.stats().get("reason")).contains("flash9"));
    meeting.leave("flash9");
    assertEquals(Topology.MESH, meeting.topology());
  }

  @Test
  void aScriptPolicyOverridesTheLimitOrTheTopology() {
    join("a", "rtmfp");
    join("b", "rtmfp");
    meeting.setPolicy(meeting.policy().withMeshLimit(1));
    assertEquals(Topology.CLIENT_SERVER, meeting.topology());
    meeting.setPolicy(meeting.policy().withForced(Topology.MESH));
    assertEquals(Topology.MESH, meeting.topology());
    join("rtmp", "rtmp");
    assertEquals(Topology.MESH, meeting.topology());
    assertEquals(PairPath.RELAY, meeting.path("a", "rtmp"), "an RTMP client still relays");
  }

  @Test
  void theRosterSharedObjectListsTheParticipantsAndTheTopology() {
    join("a", "rtmfp");
    join("b", "rtmp");
    SharedObject roster = objects.find(MeetingRoster.PREFIX + "room");
    assertEquals("client-server", roster.get("topology"));
    List<?> participants = (List<?>) roster.get("participants");
    assertEquals(
        List.of("a", "b"), participants.stream().map(p -> ((Map<?, ?>) p).get("name")).toList());
    meeting.leave("b");
    assertEquals(1, ((List<?>) roster.get("participants")).size());
  }

  @Test
  void meetingNamesAreBounded() {
    assertTrue(meetings.get("a.b-c_d").isPresent());
    assertTrue(meetings.get("a/b").isEmpty());
    assertTrue(meetings.get("").isEmpty());
    assertTrue(meetings.get("x".repeat(129)).isEmpty());
  }

  @Test
  void aClosedConnectionLeavesEveryMeeting() {
    join("a", "rtmfp");
    Meeting other = meetings.get("other").orElseThrow();
    other.join(new Participant("a", "a", "rtmfp", "ab", ""), new Recorder("a"));
    meetings.leaveAll("a");
    assertTrue(meeting.participants().isEmpty());
    assertTrue(other.participants().isEmpty());
  }

  @Test
  void theDirectTimeoutReachesTheClients() {
    Recorder a = join("a", "rtmfp");
    assertEquals((double) Duration.ofSeconds(3).toMillis(), a.plan.get("directTimeout"));
  }
}
