package org.nimbusmedia.rtmfp.meeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan object of the server's {@code onTopologyChange}, as AMF decodes it. */
class MeetingPlanTest {
  private static Map<String, Object> bob(String path) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("id", "2");
    entry.put("name", "bob");
    entry.put("protocol", "rtmfp");
    entry.put("peerId", "0a0b");
    entry.put("stream", "bobcam");
    entry.put("path", path);
    return entry;
  }

  private static Map<String, Object> plan(Object play) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("meeting", "room");
    plan.put("self", "1");
    plan.put("version", 3.0);
    plan.put("mode", "mesh");
    plan.put("reason", "3 RTMFP participants");
    plan.put("directTimeout", 3000.0);
    plan.put("publish", Map.of("stream", "alicecam", "server", true, "direct", false));
    plan.put("play", play);
    return plan;
  }

  @Test
  void readsEveryField() {
    MeetingPlan plan = MeetingPlan.from(plan(List.of(bob("trying"))));

    assertEquals("room", plan.meeting());
    assertEquals("1", plan.self());
    assertEquals(3.0, plan.version());
    assertEquals(Topology.MESH, plan.topology());
    assertEquals(Duration.ofSeconds(3), plan.directTimeout());
    assertTrue(plan.publishToServer());
    assertEquals(false, plan.publishDirect());
    MeetingPlan.Route route = plan.routeFrom("bob").orElseThrow();
    assertEquals(PairPath.TRYING, route.path());
    assertEquals(new Participant("2", "bob", "rtmfp", "0a0b", "bobcam"), route.publisher());
    assertEquals(11, route.publisher().peerIdBytes()[1]);
    assertTrue(plan.routeFrom("carol").isEmpty());
  }

  @Test
  void aMalformedPlanIsRefusedNamingTheField() {
    IllegalArgumentException unknownPath =
        assertThrows(
            IllegalArgumentException.class, () -> MeetingPlan.from(plan(List.of(bob("p2p")))));
    assertEquals("path p2p is not one the client knows", unknownPath.getMessage());

    Map<String, Object> noVersion = plan(List.of());
    noVersion.put("version", "3");
    IllegalArgumentException version =
        assertThrows(IllegalArgumentException.class, () -> MeetingPlan.from(noVersion));
    assertEquals("version is not a number: 3", version.getMessage());

    assertThrows(IllegalArgumentException.class, () -> MeetingPlan.from(plan("not a list")));
    assertThrows(IllegalArgumentException.class, () -> MeetingPlan.from(List.of()));
  }
}
