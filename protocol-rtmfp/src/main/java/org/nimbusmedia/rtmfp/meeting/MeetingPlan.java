package org.nimbusmedia.rtmfp.meeting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server's {@code onTopologyChange} tells one participant to do: publish to the server,
 * directly or both, and play each other participant's stream by the pair's path. Plans are
 * numbered; a later version replaces an earlier one.
 *
 * @param meeting the meeting's name
 * @param self this participant's id
 * @param version the plan's number, growing with each change of the meeting
 * @param topology mesh or client-server
 * @param reason why the meeting has this topology, for logs
 * @param directTimeout how long a subscriber waits for direct media before reporting failure
 * @param publishToServer whether some subscriber needs this participant's stream relayed
 * @param publishDirect whether some subscriber plays this participant's stream directly
 * @param play each other publishing participant and its path to this one
 */
public record MeetingPlan(
    String meeting,
    String self,
    double version,
    Topology topology,
    String reason,
    Duration directTimeout,
    boolean publishToServer,
    boolean publishDirect,
    List<Route> play) {

  /** One stream to play and its path. */
  public record Route(Participant publisher, PairPath path) {}

  /** Copies the list. */
  public MeetingPlan {
    play = List.copyOf(play);
  }

  /** Reads the plan object of {@code onTopologyChange}. */
  static MeetingPlan from(Object value) {
    Map<?, ?> plan = Fields.asObject(value, "plan");
    Map<?, ?> publish = Fields.object(plan, "publish");
    List<Route> routes = new ArrayList<>();
    for (Object entry : Fields.list(plan, "play")) {
      String path = Fields.text(Fields.asObject(entry, "play"), "path");
      routes.add(new Route(Participant.from(entry), known(PairPath.of(path), "path", path)));
    }
    Object reason = plan.get("reason");
    String mode = Fields.text(plan, "mode");
    return new MeetingPlan(
        Fields.text(plan, "meeting"),
        Fields.text(plan, "self"),
        Fields.number(plan, "version"),
        known(Topology.of(mode), "mode", mode),
        reason instanceof String text ? text : "",
        Duration.ofMillis((long) Fields.number(plan, "directTimeout")),
        Fields.flag(publish, "server"),
        Fields.flag(publish, "direct"),
        routes);
  }

  private static <T> T known(T value, String key, String code) {
    if (value == null) {
      throw new IllegalArgumentException(key + " " + code + " is not one the client knows");
    }
    return value;
  }

  /** The route from the participant named {@code name}, if it publishes. */
  public Optional<Route> routeFrom(String name) {
    return play.stream().filter(r -> r.publisher().name().equals(name)).findFirst();
  }
}
