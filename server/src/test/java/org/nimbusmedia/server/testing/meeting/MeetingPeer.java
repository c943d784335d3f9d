package org.nimbusmedia.server.testing.meeting;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.server.testing.TestClients;
import org.nimbusmedia.server.testing.meeting.Reception.Via;

/**
 * A participant of a videomeeting meeting that does what the server's {@code onTopologyChange}
 * plans say: publishes its numbered frames to the server and/or directly (RTMFP {@link
 * DirectStreams}), plays each other participant's stream by the pair's path, and reports its direct
 * streams ({@code meetingDirect}): playing once a direct frame arrives, failed when none comes
 * within the plan's {@code directTimeout}. Switches are make-before-break: a publisher keeps
 * sending directly until its server stream has started, a player keeps its direct stream while the
 * server one starts, and frames that come both ways count once.
 *
 * <p>All its state is kept on one thread ({@code control}); frames are counted on I/O threads.
 */
public final class MeetingPeer implements AutoCloseable {
  private static final long CHECK_MS = 50;

  /**
   * Direct frames in a row, half a GOP, before a direct stream counts as playing: a peer session
   * that lay idle while the meeting was client-server may deliver a frame and then stall while it
   * recovers, and the relay must not stop for that.
   */
  private static final int PLAYING_RUN = Frames.GOP / 2;

  private final String name;
  private final ServerLink link;
  private final RtmfpClient rtmfp;
  private final DirectStreams direct;
  private final InetSocketAddress rtmfpServer;
  private final ScheduledExecutorService control;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Map<String, Reception> received = new ConcurrentHashMap<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, Subscription> subscriptions = new HashMap<>();

  private volatile Map<?, ?> plan = Map.of();
  private String meeting = "";
  private String stream = "";
  private String self = "";
  private double version;
  private ServerLink.Outgoing toServer;
  private boolean toServerWanted;
  private DirectStreams.Publication directPublication;
  private volatile boolean sendDirect;
  private volatile boolean serverStarted;
  private int sequence;
  private boolean forceKeyframe;

  private MeetingPeer(String name, ServerLink link, RtmfpClient rtmfp, InetSocketAddress server) {
    this.name = name;
    this.link = link;
    this.rtmfp = rtmfp;
    this.rtmfpServer = server;
    this.direct = rtmfp == null ? null : new DirectStreams(rtmfp);
    this.control =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "meeting-" + name);
              t.setDaemon(true);
              return t;
            });
    link.onCall((method, args) -> control.execute(() -> called(method, args)));
  }

  /** A participant over RTMFP, connected to {@code app} as {@code name}. */
  public static MeetingPeer rtmfp(
      EventLoopGroup group, InetSocketAddress server, String app, String name) throws Exception {
    RtmfpClient client = RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC());
    MeetingPeer peer = new MeetingPeer(name, new RtmfpLink(client, server), client, server);
    peer.link.connect(app, name).get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    return peer;
  }

  /** A participant over RTMP, connected to {@code app} at {@code server} as {@code name}. */
  public static MeetingPeer rtmp(EventLoopGroup group, URI server, String app, String name)
      throws Exception {
    MeetingPeer peer =
        new MeetingPeer(name, new RtmpLink(new RtmpClient(group), server), null, null);
    peer.link.connect(app, name).get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    return peer;
  }

  public String name() {
    return name;
  }

  /** The RTMFP client, for a test's firewall; null over RTMP. */
  public RtmfpClient rtmfpClient() {
    return rtmfp;
  }

  /**
   * Joins {@code room} publishing {@code streamName} ({@code joinMeeting} of the videomeeting app)
   * and starts sending frames; returns the participant id.
   */
  public String join(String room, String streamName) throws Exception {
    control
        .submit(
            () -> {
              meeting = room;
              stream = streamName;
            })
        .get();
    Map<?, ?> reply =
        (Map<?, ?>)
            link.call("joinMeeting", room, streamName)
                .get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    control.scheduleAtFixedRate(this::sendFrame, 0, Frames.INTERVAL_MS, TimeUnit.MILLISECONDS);
    control.scheduleAtFixedRate(this::checkDirect, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    return (String) reply.get("id");
  }

  /**
   * {@code leaveMeeting}, then stops publishing and playing: the server sends no more plans to a
   * participant that left.
   */
  public boolean leave() throws Exception {
    Object left = call("leaveMeeting");
    control
        .submit(
            () -> {
              version = Double.MAX_VALUE;
              followPublish(false, false);
              subscriptions.values().forEach(Subscription::stop);
              subscriptions.clear();
            })
        .get();
    return Boolean.TRUE.equals(left);
  }

  /** Calls the application; the {@code _result} value. */
  public Object call(String method, Object... args) throws Exception {
    return link.call(method, args).get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The last plan received. */
  public Map<?, ?> plan() {
    return plan;
  }

  /** The mode of the last plan, "" before the first. */
  public String mode() {
    Object mode = plan.get("mode");
    return mode == null ? "" : (String) mode;
  }

  /** This participant's path from {@code publisherName} in the last plan; "" if none. */
  public String pathFrom(String publisherName) {
    if (plan.get("play") instanceof List<?> play) {
      for (Object entry : play) {
        Map<?, ?> e = (Map<?, ?>) entry;
        if (publisherName.equals(e.get("name"))) {
          return (String) e.get("path");
        }
      }
    }
    return "";
  }

  /** What came from the participant that publishes as {@code publisherName}'s stream. */
  public Reception from(String publisherStream) {
    return received.computeIfAbsent(publisherStream, s -> new Reception());
  }

  /** Server calls received, such as {@code onParticipantJoin bob}, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  private void called(String method, List<Object> args) {
    Object first = args.isEmpty() ? null : args.get(args.size() - 1);
    if (!(first instanceof Map<?, ?> info)) {
      return;
    }
    switch (method) {
      case "onParticipantJoin", "onParticipantLeave" -> events.add(method + " " + info.get("name"));
      case "onTopologyChange" -> follow(info);
      case "onMessage" -> events.add(method + " " + info.get("from") + ": " + info.get("text"));
      default -> {}
    }
  }

  /** Does what a new plan says; older plans that arrive late are ignored. */
  private void follow(Map<?, ?> newPlan) {
    double newVersion = ((Number) newPlan.get("version")).doubleValue();
    if (newVersion <= version) {
      return;
    }
    version = newVersion;
    plan = newPlan;
    self = (String) newPlan.get("self");
    events.add("onTopologyChange " + newPlan.get("mode"));
    Map<?, ?> publish = (Map<?, ?>) newPlan.get("publish");
    followPublish(
        Boolean.TRUE.equals(publish.get("server")), Boolean.TRUE.equals(publish.get("direct")));
    Duration timeout = Duration.ofMillis(((Number) newPlan.get("directTimeout")).longValue());
    Set<String> present = new java.util.HashSet<>();
    for (Object entry : (List<?>) newPlan.get("play")) {
      Map<?, ?> e = (Map<?, ?>) entry;
      String id = (String) e.get("id");
      present.add(id);
      subscriptions
          .computeIfAbsent(
              id, k -> new Subscription(id, (String) e.get("stream"), (String) e.get("peerId")))
          .follow((String) e.get("path"), timeout);
    }
    subscriptions
        .entrySet()
        .removeIf(
            s -> {
              if (present.contains(s.getKey())) {
                return false;
              }
              s.getValue().stop();
              return true;
            });
  }

  private void followPublish(boolean server, boolean directly) {
    toServerWanted = server;
    if (server && toServer == null) {
      link.publish(stream).thenAccept(out -> control.execute(() -> serverStreamStarted(out)));
      toServer = PENDING;
    } else if (!server && toServer != null) {
      toServer.close();
      toServer = null;
      serverStarted = false;
    }
    if (directly && directPublication == null && direct != null) {
      directPublication =
          direct.publish(stream, peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    }
    // Make before break: direct sending stops once the server has the stream, or at once when
    // no one needs it relayed.
    sendDirect = directly || (server && !serverStarted);
  }

  private void serverStreamStarted(ServerLink.Outgoing out) {
    if (!toServerWanted || toServer != PENDING) {
      out.close();
      return;
    }
    toServer = out;
    serverStarted = true;
    forceKeyframe = true; // an encoder starts a new publication with a keyframe
    Map<?, ?> publish = (Map<?, ?>) plan.get("publish");
    sendDirect = Boolean.TRUE.equals(publish.get("direct"));
  }

  private void sendFrame() {
    int n = sequence++;
    boolean key = n % Frames.GOP == 0 || forceKeyframe;
    forceKeyframe = false;
    long timestamp = (long) n * Frames.INTERVAL_MS;
    byte[] frame = Frames.encode(n, key);
    if (serverStarted && toServer != null && toServer != PENDING) {
      toServer.sendVideo(timestamp, frame);
    }
    if (sendDirect && directPublication != null) {
      directPublication.send(new FlowMessage(MessageType.VIDEO, timestamp, frame));
    }
  }

  private void checkDirect() {
    long now = System.nanoTime();
    subscriptions.values().forEach(s -> s.check(now));
  }

  private void report(String publisherId, boolean playing) {
    link.call("meetingDirect", meeting, publisherId, self, playing);
  }

  @Override
  public void close() {
    control.shutdownNow();
    link.close();
  }

  /** Marks a server publication asked for and not started yet. */
  private static final ServerLink.Outgoing PENDING =
      new ServerLink.Outgoing() {
        @Override
        public void sendVideo(long timestamp, byte[] body) {}

        @Override
        public void close() {}
      };

  /** How this participant plays one other participant's stream. */
  private final class Subscription {
    private final String publisherId;
    private final String publisherStream;
    private final String peerId;
    private final Reception reception;
    private String path = "";
    private Duration timeout = Duration.ofSeconds(3);
    private ServerLink.Incoming fromServer;
    private boolean serverWanted;
    private boolean directRequested;
    private long since;
    private boolean reported;

    Subscription(String publisherId, String publisherStream, String peerId) {
      this.publisherId = publisherId;
      this.publisherStream = publisherStream;
      this.peerId = peerId;
      this.reception = from(publisherStream);
    }

    void follow(String newPath, Duration newTimeout) {
      timeout = newTimeout;
      if (newPath.equals(path)) {
        return;
      }
      path = newPath;
      since = System.nanoTime();
      reported = false;
      switch (newPath) {
        case "relay" -> playFromServer(true);
        case "trying" -> {
          playFromServer(true);
          playDirect();
        }
        case "direct" -> {
          playDirect();
          playFromServer(false);
        }
        default -> {}
      }
    }

    private void playFromServer(boolean wanted) {
      serverWanted = wanted;
      if (wanted && fromServer == null) {
        fromServer = PENDING_PLAY;
        link.play(publisherStream, frame -> frame(frame, Via.SERVER))
            .thenAccept(in -> control.execute(() -> serverPlayStarted(in)));
      } else if (!wanted && fromServer != null) {
        fromServer.close();
        fromServer = null;
      }
    }

    private void serverPlayStarted(ServerLink.Incoming in) {
      if (!serverWanted || fromServer != PENDING_PLAY) {
        in.close();
        return;
      }
      fromServer = in;
    }

    private void playDirect() {
      if (directRequested || rtmfp == null || peerId.isEmpty()) {
        return;
      }
      directRequested = true;
      rtmfp
          .connectPeer(rtmfpServer, HexFormat.of().parseHex(peerId))
          .thenAccept(session -> control.execute(() -> directSession(session)))
          .exceptionally(
              failure -> {
                control.execute(() -> directRequested = false);
                return null;
              });
    }

    private void directSession(Session session) {
      direct.play(session, publisherStream, this::directMessage);
    }

    private void directMessage(FlowMessage message) {
      if (message.type() == MessageType.VIDEO) {
        frame(message.payload(), Via.DIRECT);
      } else if (FlowCommands.isCommand(message)) {
        Command status = commands.decode(message, 1);
        events.add("direct " + publisherStream + " " + status.argument(0));
      }
    }

    private void frame(byte[] body, Via via) {
      int n = Frames.sequence(body);
      if (n >= 0) {
        reception.frame(n, via, System.nanoTime());
      }
    }

    /** Reports the direct stream: playing once a frame came, failed after the timeout. */
    void check(long now) {
      long lastDirect = reception.lastArrival(Via.DIRECT);
      long waited = now - Math.max(since, lastDirect);
      switch (path) {
        case "trying" -> {
          if (reported) {
            return;
          }
          if (lastDirect > since && reception.directRun() >= PLAYING_RUN) {
            reported = true;
            report(publisherId, true);
          } else if (waited > timeout.toNanos()) {
            reported = true;
            report(publisherId, false);
          }
        }
        case "direct" -> {
          if (!reported && waited > timeout.toNanos()) {
            reported = true;
            report(publisherId, false);
          }
        }
        default -> {}
      }
    }

    void stop() {
      playFromServer(false);
      path = "";
    }
  }

  private static final ServerLink.Incoming PENDING_PLAY = () -> {};
}
