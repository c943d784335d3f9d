package org.nimbusmedia.server.testing.meeting;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmfp.fallback.FallbackConfig;
import org.nimbusmedia.rtmfp.fallback.FallbackConnector;
import org.nimbusmedia.rtmfp.fallback.FallbackTarget;
import org.nimbusmedia.rtmfp.fallback.ServerConnection;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.meeting.MediaPath;
import org.nimbusmedia.rtmfp.meeting.MeetingClient;
import org.nimbusmedia.rtmfp.meeting.MeetingListener;
import org.nimbusmedia.rtmfp.meeting.MeetingPlan;
import org.nimbusmedia.rtmfp.meeting.Participant;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.server.testing.TestClients;

/**
 * The library's {@link MeetingClient} with a test camera: it sends numbered {@link Frames} at 25
 * fps (a keyframe when the client asks for one) and counts every frame it receives per publisher
 * and path ({@link Reception}), and keeps the server's calls as readable events.
 */
public final class MeetingPeer implements AutoCloseable, MeetingListener {
  private final String name;
  private final MeetingClient client;
  private final ScheduledExecutorService camera;
  private final Map<String, Reception> received = new ConcurrentHashMap<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private volatile boolean keyframe;
  private int sequence;

  private MeetingPeer(String name, ServerConnection connection) {
    this.name = name;
    this.client = new MeetingClient(connection, this);
    this.camera =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "camera-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** A participant {@code name} connected to {@code target} as {@code config} says. */
  public static MeetingPeer connect(
      EventLoopGroup group, FallbackConfig config, FallbackTarget target, String name)
      throws Exception {
    FallbackConnector connector =
        new FallbackConnector(
            group, config, RtmpClientConfig.DEFAULTS, RtmfpConfig.defaults(), Clock.systemUTC());
    ServerConnection connection =
        connector.connect(target, name).get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    return new MeetingPeer(name, connection);
  }

  public String name() {
    return name;
  }

  /** The connection the fallback ended with. */
  public ServerConnection connection() {
    return client.connection();
  }

  /** The RTMFP client, for a test's firewall; null over RTMP. */
  public RtmfpClient rtmfpClient() {
    return client.connection().rtmfpClient();
  }

  /** Joins {@code room} publishing {@code streamName} and starts the camera; the participant id. */
  public String join(String room, String streamName) throws Exception {
    String id = client.join(room, streamName).get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    camera.scheduleAtFixedRate(this::sendFrame, 0, Frames.INTERVAL_MS, TimeUnit.MILLISECONDS);
    return id;
  }

  /** Leaves the meeting; whether the server had it in one. */
  public boolean leave() throws Exception {
    return client.leave().get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Calls the application; the {@code _result} value. */
  public Object call(String method, Object... args) throws Exception {
    return client
        .connection()
        .call(method, args)
        .get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The plan followed now. */
  public MeetingPlan plan() {
    return client.plan().orElseThrow();
  }

  /** The mode of the plan followed now, "" before the first. */
  public String mode() {
    return client.plan().map(p -> p.topology().code()).orElse("");
  }

  /** This participant's path from {@code publisherName} in the plan followed now; "" if none. */
  public String pathFrom(String publisherName) {
    return client
        .plan()
        .flatMap(p -> p.routeFrom(publisherName))
        .map(r -> r.path().code())
        .orElse("");
  }

  /** What came from the participant that publishes {@code publisherStream}. */
  public Reception from(String publisherStream) {
    return received.computeIfAbsent(publisherStream, s -> new Reception());
  }

  /** Server calls received, such as {@code onParticipantJoin bob}, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  private void sendFrame() {
    int n = sequence++;
    boolean key = n % Frames.GOP == 0 || keyframe;
    keyframe = false;
    client.sendVideo((long) n * Frames.INTERVAL_MS, Frames.encode(n, key));
  }

  @Override
  public void keyframeWanted() {
    keyframe = true;
  }

  @Override
  public void mediaReceived(Participant publisher, MediaPath path, ReceivedMedia media) {
    int n = Frames.sequence(media.payload());
    if (media.kind() == ReceivedMedia.Kind.VIDEO && n >= 0) {
      from(publisher.stream()).frame(n, path, System.nanoTime());
    }
  }

  @Override
  public void participantJoined(Participant participant) {
    events.add("onParticipantJoin " + participant.name());
  }

  @Override
  public void participantLeft(Participant participant) {
    events.add("onParticipantLeave " + participant.name());
  }

  @Override
  public void topologyChanged(MeetingPlan plan) {
    events.add("onTopologyChange " + plan.topology().code());
  }

  @Override
  public void messageReceived(String from, String text) {
    events.add("onMessage " + from + ": " + text);
  }

  @Override
  public void close() {
    camera.shutdownNow();
    client.close();
  }
}
