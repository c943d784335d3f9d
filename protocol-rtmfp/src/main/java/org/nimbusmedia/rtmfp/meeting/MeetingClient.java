package org.nimbusmedia.rtmfp.meeting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nimbusmedia.rtmfp.fallback.FallbackConnector;
import org.nimbusmedia.rtmfp.fallback.FallbackTarget;
import org.nimbusmedia.rtmfp.fallback.ServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant of a meeting run by the server (the bundled {@code videomeeting} application, or
 * any application with its calls): it follows the server's {@code onTopologyChange} plans,
 * publishing its stream to the server and/or directly to its peers and playing each other
 * participant's stream by the pair's path, and reports each direct stream it tries to the server
 * ({@code meetingDirect}): playing once media flows, failed when none comes within the plan's
 * direct timeout. Over RTMP or RTMPT it has no direct streams, and the server plans accordingly.
 *
 * <p>Usage, connecting with fallback (RTMFP, else RTMP, else RTMPT):
 *
 * <pre>{@code
 * FallbackConnector connector = new FallbackConnector(
 *     group, FallbackConfig.DEFAULTS, RtmpClientConfig.DEFAULTS, RtmfpConfig.defaults(), clock);
 * MeetingClient client = MeetingClient.connect(
 *     connector, FallbackTarget.of("media.example.com", "videomeeting"), "alice",
 *     new MeetingListener() {
 *       public void mediaReceived(Participant from, MediaPath path, ReceivedMedia media) {
 *         decoders.get(from.name()).decode(path, media);
 *       }
 *       public void keyframeWanted() { encoder.forceKeyframe(); }
 *     }).get();
 * client.join("room", "alice-cam").get();
 * encoder.onFrame((timestamp, tag) -> client.sendVideo(timestamp, tag));
 * ...
 * client.leave().get();
 * client.close();
 * }</pre>
 *
 * <p>The plan and the streams are kept on the client's own thread; {@link #sendVideo} and {@link
 * #sendAudio} may be called from any thread.
 */
public final class MeetingClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeetingClient.class);

  /** How often the direct streams are judged. */
  private static final long CHECK_MS = 50;

  private final ServerConnection connection;
  private final MeetingListener listener;
  private final ScheduledExecutorService control;
  private final Outgoing outgoing;
  private final Map<String, Incoming> incoming = new HashMap<>();
  private volatile MeetingPlan plan;
  private String meeting = "";
  private String stream = "";
  private double version;

  /**
   * A meeting client on a connection to a meeting application; its server calls ({@code
   * onParticipantJoin}, {@code onParticipantLeave}, {@code onTopologyChange}, {@code onMessage})
   * are answered from now on.
   */
  public MeetingClient(ServerConnection connection, MeetingListener listener) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.control =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "meeting-client");
              t.setDaemon(true);
              return t;
            });
    this.outgoing = new Outgoing(connection, control, listener::keyframeWanted);
    handle("onParticipantJoin", info -> listener.participantJoined(Participant.from(info)));
    handle("onParticipantLeave", info -> listener.participantLeft(Participant.from(info)));
    handle("onTopologyChange", info -> follow(MeetingPlan.from(info)));
    handle(
        "onMessage",
        info -> {
          Map<?, ?> message = Fields.asObject(info, "message");
          listener.messageReceived(Fields.text(message, "from"), Fields.text(message, "text"));
        });
    control.scheduleAtFixedRate(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Connects to {@code target} with {@code connector} as user {@code name} (the videomeeting
   * application's {@code onConnect} argument) and makes a meeting client of the connection.
   */
  public static CompletableFuture<MeetingClient> connect(
      FallbackConnector connector, FallbackTarget target, String name, MeetingListener listener) {
    return connector
        .connect(target, name)
        .thenApply(connection -> new MeetingClient(connection, listener));
  }

  /** Handles server calls of {@code method} on this client's thread, by their last argument. */
  private void handle(String method, Consumer<Object> action) {
    connection.onCall(
        method,
        args -> {
          Object info = args.isEmpty() ? null : args.get(args.size() - 1);
          control.execute(
              () -> {
                try {
                  action.accept(info);
                } catch (IllegalArgumentException e) {
                  LOG.info("{} from {} ignored: {}", method, connection, e.getMessage());
                }
              });
          return null;
        });
  }

  /** The connection, for the application's own calls and to see which protocol won. */
  public ServerConnection connection() {
    return connection;
  }

  /** The plan followed now; empty before the first. */
  public Optional<MeetingPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /**
   * Joins {@code room}, publishing as {@code streamName} ({@code joinMeeting}); the server's plans
   * follow at once. Frames given to {@link #sendVideo} before the first plan go nowhere.
   *
   * @return this participant's id
   */
  public CompletableFuture<String> join(String room, String streamName) {
    return CompletableFuture.runAsync(
            () -> {
              meeting = room;
              stream = streamName;
              version = 0;
            },
            control)
        .thenCompose(ready -> connection.call("joinMeeting", room, streamName))
        .thenApply(reply -> Fields.text(Fields.asObject(reply, "joinMeeting's answer"), "id"));
  }

  /**
   * Leaves the meeting ({@code leaveMeeting}), then stops publishing and playing: the server sends
   * no more plans to a participant that left.
   *
   * @return whether the server had this participant in a meeting
   */
  public CompletableFuture<Boolean> leave() {
    return connection
        .call("leaveMeeting")
        .thenApplyAsync(
            left -> {
              version = Double.MAX_VALUE;
              plan = null;
              outgoing.stop();
              incoming.values().forEach(Incoming::stop);
              incoming.clear();
              return Boolean.TRUE.equals(left);
            },
            control);
  }

  /**
   * Sends a text message to the other participants ({@code sendMessage}).
   *
   * @return how many were told
   */
  public CompletableFuture<Integer> sendMessage(String text) {
    return connection
        .call("sendMessage", text)
        .thenApply(told -> told instanceof Number n ? n.intValue() : 0);
  }

  /** Sends a video message (an FLV video tag body) by every path the plan uses. */
  public void sendVideo(long timestamp, byte[] payload) {
    outgoing.send(false, timestamp, payload);
  }

  /** Sends an audio message (an FLV audio tag body) by every path the plan uses. */
  public void sendAudio(long timestamp, byte[] payload) {
    outgoing.send(true, timestamp, payload);
  }

  /** Does what a new plan says; a plan older than the one followed, arriving late, is ignored. */
  private void follow(MeetingPlan newPlan) {
    if (newPlan.version() <= version) {
      return;
    }
    version = newPlan.version();
    plan = newPlan;
    outgoing.follow(stream, newPlan.publishToServer(), newPlan.publishDirect());
    Set<String> present = new HashSet<>();
    for (MeetingPlan.Route route : newPlan.play()) {
      Participant publisher = route.publisher();
      present.add(publisher.id());
      incoming
          .computeIfAbsent(
              publisher.id(),
              id -> new Incoming(publisher, connection, control, listener, this::report))
          .follow(route.path(), newPlan.directTimeout());
    }
    incoming
        .entrySet()
        .removeIf(
            entry -> {
              if (present.contains(entry.getKey())) {
                return false;
              }
              entry.getValue().stop();
              return true;
            });
    listener.topologyChanged(newPlan);
  }

  private void check() {
    long now = System.nanoTime();
    incoming.values().forEach(s -> s.check(now));
  }

  /** {@code meetingDirect(room, publisherId, subscriberId, playing)}, built into the server. */
  private void report(Participant publisher, boolean playing) {
    MeetingPlan current = plan;
    if (current == null) {
      return;
    }
    connection.call("meetingDirect", meeting, publisher.id(), current.self(), playing);
    listener.directReported(publisher, playing);
  }

  /** Stops the client's thread and closes the connection. */
  @Override
  public void close() {
    control.shutdownNow();
    connection.close();
  }
}
