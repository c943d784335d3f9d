package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmfp.fallback.FallbackConfig;
import org.nimbusmedia.rtmfp.fallback.FallbackTarget;
import org.nimbusmedia.rtmfp.fallback.Protocol;
import org.nimbusmedia.rtmfp.meeting.MediaPath;
import org.nimbusmedia.rtmfp.session.RtmfpStats;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.config.MeetingsConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.meeting.MeetingRoster;
import org.nimbusmedia.server.testing.AdminHttp;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;
import org.nimbusmedia.server.testing.meeting.Frames;
import org.nimbusmedia.server.testing.meeting.MeetingPeer;
import org.nimbusmedia.server.testing.meeting.Reception;

/**
 * The bundled videomeeting application with meeting clients over RTMFP and RTMP (issue 7): a mesh
 * of up to three RTMFP participants sends media peer to peer and the server carries none of it; a
 * fourth participant, or an RTMP one, switches everyone to client-server and its leaving switches
 * back, with no participant missing more than one GOP of any other's frames; a pair whose UDP is
 * blocked relays through the server while the other pairs stay direct. Switch times are printed,
 * not asserted.
 */
class MeetingTopologyIT {
  private static final String APP = "videomeeting";
  private static final String ROOM = "room";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration DIRECT_TIMEOUT = Duration.ofSeconds(8);

  /** Datagram bytes of a settled mesh in one second: keepalives and acknowledgements only. */
  private static final long CONTROL_BYTES_PER_SECOND = 4_000;

  @TempDir java.nio.file.Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final List<MeetingPeer> peers = new ArrayList<>();
  private final List<AutoCloseable> firewalls = new ArrayList<>();
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() throws Exception {
    java.nio.file.Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve(APP));
    Files.copy(
        java.nio.file.Path.of("..", "apps", APP, "main.asc"), apps.resolve(APP + "/main.asc"));
    nimbus =
        EmbeddedNimbus.startRtmpAndRtmfp(
            apps,
            config ->
                EmbeddedNimbus.withRtmpt(EmbeddedNimbus.withAdmin(withDirectTimeout(config))));
  }

  @AfterEach
  void stop() throws Exception {
    peers.forEach(MeetingPeer::close);
    for (AutoCloseable firewall : firewalls) {
      firewall.close();
    }
    clients.close();
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * More time than the 3 s default for a pair's first direct frame: on a busy build machine a peer
   * session's handshake alone can take seconds, and a pair whose attempt times out relays for the
   * rest of the meeting, which would fail the scenarios that expect a direct mesh.
   */
  private static NimbusConfig withDirectTimeout(NimbusConfig config) {
    return config.withLive(
        config
            .live()
            .withMeetings(
                new MeetingsConfig(config.live().meetings().meshLimit(), DIRECT_TIMEOUT)));
  }

  /** The server's real ports. */
  private FallbackTarget target() {
    return new FallbackTarget(
        "127.0.0.1", APP, nimbus.port("rtmfp"), nimbus.port("rtmp"), nimbus.port("rtmpt"));
  }

  private MeetingPeer connect(FallbackConfig config, FallbackTarget target, String name)
      throws Exception {
    MeetingPeer peer = MeetingPeer.connect(group, config, target, name);
    peers.add(peer);
    return peer;
  }

  private MeetingPeer rtmfp(String name) throws Exception {
    return connect(FallbackConfig.DEFAULTS.withOrder(List.of(Protocol.RTMFP)), target(), name);
  }

  private MeetingPeer rtmp(String name) throws Exception {
    return connect(FallbackConfig.DEFAULTS.withOrder(List.of(Protocol.RTMP)), target(), name);
  }

  /**
   * A participant behind a firewall that lets only HTTP through: its RTMFP datagrams and its RTMP
   * connection go to sockets that never answer (as in FallbackConnectIT), so the fallback ends over
   * RTMPT after two 2 s attempts.
   */
  private MeetingPeer behindHttpOnlyFirewall(String name) throws Exception {
    DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    firewalls.add(udp);
    ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    firewalls.add(tcp);
    FallbackTarget blocked =
        target()
            .withPort(Protocol.RTMFP, udp.getLocalPort())
            .withPort(Protocol.RTMP, tcp.getLocalPort());
    return connect(
        FallbackConfig.DEFAULTS.withAttemptTimeout(Duration.ofSeconds(2)), blocked, name);
  }

  private static void join(MeetingPeer... joining) throws Exception {
    for (MeetingPeer p : joining) {
      p.join(ROOM, p.name());
    }
  }

  /** {@code leaveMeeting}, then the connection closes. */
  private void leave(MeetingPeer peer) throws Exception {
    assertTrue(peer.leave());
    peers.remove(peer);
    peer.close();
  }

  private ApplicationInstance instance() {
    return nimbus.server().applications().instance(new AppAddress(APP, "_definst_")).orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Every participant's plan has {@code mode} and {@code path} from every other one. */
  private static void awaitPaths(String mode, String path, List<MeetingPeer> group)
      throws InterruptedException {
    await(
        "every pair " + mode + "/" + path,
        () ->
            group.stream()
                .allMatch(
                    s ->
                        s.mode().equals(mode)
                            && group.stream()
                                .filter(p -> p != s)
                                .allMatch(p -> s.pathFrom(p.name()).equals(path))));
  }

  /** Every participant gets frames of every other one by {@code path} from now on. */
  private static void awaitFrames(MediaPath path, List<MeetingPeer> group)
      throws InterruptedException {
    Map<Reception, Long> before = new java.util.HashMap<>();
    for (MeetingPeer s : group) {
      for (MeetingPeer p : group) {
        if (p != s) {
          before.put(s.from(p.name()), s.from(p.name()).frames(path));
        }
      }
    }
    await(
        "frames by " + path,
        () -> before.entrySet().stream().allMatch(e -> e.getKey().frames(path) > e.getValue() + 5));
  }

  /** Marks every reception within {@code group}; returns the mark. */
  private static long mark(List<MeetingPeer> group) {
    long now = System.nanoTime();
    for (MeetingPeer s : group) {
      for (MeetingPeer p : group) {
        if (p != s) {
          s.from(p.name()).mark(now);
          s.from(p.name()).resetGap();
        }
      }
    }
    return now;
  }

  /** Milliseconds from {@code mark} until the last pair got its first frame by {@code path}. */
  private static double switchMillis(long mark, MediaPath path, List<MeetingPeer> group)
      throws InterruptedException {
    await(
        "first frames by " + path,
        () ->
            group.stream()
                .allMatch(
                    s ->
                        group.stream()
                            .filter(p -> p != s)
                            .allMatch(p -> s.from(p.name()).firstSinceMark(path) != 0)));
    long last = 0;
    for (MeetingPeer s : group) {
      for (MeetingPeer p : group) {
        if (p != s) {
          last = Math.max(last, s.from(p.name()).firstSinceMark(path));
        }
      }
    }
    return (last - mark) / 1e6;
  }

  private static void assertNoGapOverOneGop(List<MeetingPeer> group) {
    for (MeetingPeer s : group) {
      for (MeetingPeer p : group) {
        if (p != s) {
          int gap = s.from(p.name()).largestGap();
          assertTrue(
              gap <= Frames.GOP,
              s.name() + " missed " + gap + " consecutive frames of " + p.name());
        }
      }
    }
  }

  /** The server's RTMFP datagram bytes over one second, and no stream published on it. */
  private void assertServerCarriesNoMedia() throws InterruptedException {
    RtmfpStats stats = nimbus.server().rtmfpStats().orElseThrow();
    long before = stats.bytesIn() + stats.bytesOut();
    Thread.sleep(1000);
    long bytes = stats.bytesIn() + stats.bytesOut() - before;
    assertTrue(
        bytes < CONTROL_BYTES_PER_SECOND,
        bytes + " bytes through the server in 1 s of a direct mesh");
    assertEquals(List.of(), instance().streams().publishedNames());
  }

  /**
   * {@code leaving} leaves; the others go back to a direct mesh with no gap over one GOP and the
   * server carries none of their media. Returns the milliseconds from the leave to the last pair's
   * first direct frame.
   */
  private double leaveBackToADirectMesh(MeetingPeer leaving, List<MeetingPeer> staying)
      throws Exception {
    long toMesh = mark(staying);
    leave(leaving);
    awaitPaths("mesh", "direct", staying);
    double clientServerToMesh = switchMillis(toMesh, MediaPath.DIRECT, staying);
    awaitFrames(MediaPath.DIRECT, staying);
    assertNoGapOverOneGop(staying);
    assertServerCarriesNoMedia();
    return clientServerToMesh;
  }

  @Test
  void meshUpToThreeClientServerForAFourthAndMeshAgainWhenItLeaves() throws Exception {
    MeetingPeer a = rtmfp("alice");
    MeetingPeer b = rtmfp("bob");
    join(a, b);
    List<MeetingPeer> two = List.of(a, b);
    awaitPaths("mesh", "direct", two);
    awaitFrames(MediaPath.DIRECT, two);
    assertServerCarriesNoMedia();

    MeetingPeer c = rtmfp("carol");
    join(c);
    List<MeetingPeer> three = List.of(a, b, c);
    awaitPaths("mesh", "direct", three);
    awaitFrames(MediaPath.DIRECT, three);
    assertServerCarriesNoMedia();

    MeetingPeer d = rtmfp("dave");
    long toClientServer = mark(three);
    join(d);
    List<MeetingPeer> four = List.of(a, b, c, d);
    awaitPaths("client-server", "relay", four);
    double meshToClientServer = switchMillis(toClientServer, MediaPath.SERVER, three);
    awaitFrames(MediaPath.SERVER, four);
    assertNoGapOverOneGop(three);
    JsonNode meeting =
        new AdminHttp(nimbus.port("admin"))
            .call("getMeetings", "appInst=" + APP)
            .get("data")
            .get(0);
    assertEquals("client-server", meeting.get("topology").asText());
    assertEquals(1, meeting.get("switches").asInt());
    assertEquals(4, meeting.get("participants").size());
    assertEquals(12, meeting.get("routes").size());

    double clientServerToMesh = leaveBackToADirectMesh(d, three);
    assertEquals(2.0, instance().meetings().find(ROOM).orElseThrow().stats().get("switches"));

    System.out.printf(
        "Meeting switch times (join or leave -> first frame on the new path, every pair):"
            + " mesh -> client-server %.0f ms, client-server -> mesh %.0f ms%n",
        meshToClientServer, clientServerToMesh);
  }

  @Test
  void participantsHearJoinsLeavesAndMessagesAndTheRosterFollows() throws Exception {
    MeetingPeer a = rtmfp("alice");
    MeetingPeer b = rtmp("bob");
    RtmpClient watcher = clients.connect(nimbus.rtmpUri(APP), "watcher");
    ClientSharedObject roster = watcher.sharedObject(MeetingRoster.PREFIX + ROOM, false);
    roster.connect().get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    join(a);
    await("alice alone, in a mesh", () -> names(roster).equals(List.of("alice")));
    assertEquals("mesh", roster.data().get("topology"));

    join(b);
    await("alice hears bob", () -> a.events().contains("onParticipantJoin bob"));
    await("the roster has both", () -> names(roster).equals(List.of("alice", "bob")));
    assertEquals("client-server", roster.data().get("topology"));
    Map<?, ?> found = (Map<?, ?>) b.call("lookup", "alice");
    assertEquals("rtmfp", found.get("protocol"));
    assertEquals(HexFormat.of().formatHex(a.rtmfpClient().peerId()), found.get("peerId"));
    List<?> participants = (List<?>) a.call("getParticipants");
    assertEquals(2, participants.size());

    assertEquals(1.0, b.call("sendMessage", "hello"));
    await("alice reads bob", () -> a.events().contains("onMessage bob: hello"));

    leave(b);
    await("alice hears bob leave", () -> a.events().contains("onParticipantLeave bob"));
    await("the roster has alice", () -> names(roster).equals(List.of("alice")));
    assertEquals("mesh", roster.data().get("topology"));
    assertTrue(b.events().stream().noneMatch(e -> e.equals("onParticipantJoin alice")));
  }

  private static List<Object> names(ClientSharedObject roster) {
    if (!(roster.data().get("participants") instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(p -> (Object) ((Map<?, ?>) p).get("name")).toList();
  }

  @Test
  void aScriptSetsTheMeetingPolicy() throws Exception {
    java.nio.file.Path folder = nimbus.appsDirectory().resolve("steered");
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("main.asc"),
        """
        Client.prototype.enter = function (limit, topology) {
          var meeting = application.getMeeting("r");
          meeting.setPolicy({meshLimit: limit, topology: topology});
          meeting.join(this, {name: "only", stream: "s"});
          return {topology: meeting.topology, meshLimit: meeting.meshLimit,
                  limitStat: meeting.getStats().mesh_limit,
                  names: meeting.getParticipants().length};
        };
        Client.prototype.refused = function () {
          try {
            application.getMeeting("r").setPolicy({topology: "star"});
            return "accepted";
          } catch (e) {
            return e.message;
          }
        };
        Client.prototype.badName = function () {
          return application.getMeeting("a/b") === null;
        };
        """);
    RtmpClient client = clients.connect(nimbus.rtmpUri("steered"));

    Map<?, ?> forced =
        (Map<?, ?>) client.call("enter", 5.0, "client-server").get(20, TimeUnit.SECONDS);
    assertEquals("client-server", forced.get("topology"));
    assertEquals(5.0, forced.get("meshLimit"));
    assertEquals(5.0, forced.get("limitStat"));
    assertEquals(1.0, forced.get("names"));
    Map<?, ?> auto = (Map<?, ?>) client.call("enter", 0.0, "auto").get(20, TimeUnit.SECONDS);
    assertEquals("client-server", auto.get("topology"), "an RTMP client: client-server anyway");
    assertEquals(
        "topology star is not mesh, client-server or auto",
        client.call("refused").get(20, TimeUnit.SECONDS));
    assertEquals(true, client.call("badName").get(20, TimeUnit.SECONDS));
  }

  @Test
  void anRtmpParticipantMakesTheMeetingClientServerWhileItIsThere() throws Exception {
    MeetingPeer a = rtmfp("alice");
    MeetingPeer b = rtmfp("bob");
    joinMeshThenStayClientServerWhilePresent(a, b, () -> rtmp("flash9"));
  }

  @Test
  void anRtmptParticipantBehindAnHttpOnlyFirewallMakesTheMeshClientServerWhileItIsThere()
      throws Exception {
    MeetingPeer a = rtmfp("alice");
    MeetingPeer b = rtmfp("bob");
    MeetingPeer office =
        joinMeshThenStayClientServerWhilePresent(a, b, () -> behindHttpOnlyFirewall("office"));
    assertEquals(Protocol.RTMPT, office.connection().protocol());
    assertEquals(0, office.from("alice").frames(MediaPath.DIRECT), "RTMPT has no direct path");
  }

  /** Makes a participant that is not RTMFP. */
  private interface Joiner {
    MeetingPeer connect() throws Exception;
  }

  /**
   * {@code a} and {@code b} meet in a direct mesh; the participant {@code joiner} makes joins, the
   * meeting turns client-server with every pair relayed and no gap over one GOP, and when it leaves
   * the two are back to a direct mesh that the server carries no media of. Returns the joiner.
   */
  private MeetingPeer joinMeshThenStayClientServerWhilePresent(
      MeetingPeer a, MeetingPeer b, Joiner joiner) throws Exception {
    join(a, b);
    List<MeetingPeer> two = List.of(a, b);
    awaitPaths("mesh", "direct", two);
    awaitFrames(MediaPath.DIRECT, two);

    MeetingPeer other = joiner.connect();
    long toClientServer = mark(two);
    join(other);
    List<MeetingPeer> all = List.of(a, b, other);
    awaitPaths("client-server", "relay", all);
    double meshToClientServer = switchMillis(toClientServer, MediaPath.SERVER, two);
    awaitFrames(MediaPath.SERVER, all);
    assertNoGapOverOneGop(two);
    assertTrue(
        ((String) instance().meetings().find(ROOM).orElseThrow().stats().get("reason"))
            .contains(other.name()));
    assertEquals(List.of("alice", "bob", other.name()), publishedNames());

    double clientServerToMesh = leaveBackToADirectMesh(other, two);
    System.out.printf(
        "%s participant (connected in %d ms): mesh -> client-server %.0f ms,"
            + " client-server -> mesh %.0f ms%n",
        other.connection().protocol(),
        other.connection().connectTime().toMillis(),
        meshToClientServer,
        clientServerToMesh);
    return other;
  }

  @Test
  void aDirectPathThatDiesFailsOverToTheRelay() throws Exception {
    MeetingPeer a = rtmfp("alice");
    MeetingPeer b = rtmfp("bob");
    join(a, b);
    List<MeetingPeer> two = List.of(a, b);
    awaitPaths("mesh", "direct", two);
    awaitFrames(MediaPath.DIRECT, two);

    long blocked = mark(two);
    InetSocketAddress aAddress = a.rtmfpClient().localAddress();
    InetSocketAddress bAddress = b.rtmfpClient().localAddress();
    a.rtmfpClient().setReachable(to -> !to.equals(bAddress));
    b.rtmfpClient().setReachable(to -> !to.equals(aAddress));
    awaitPaths("mesh", "relay", two);
    double failover = switchMillis(blocked, MediaPath.SERVER, two);
    awaitFrames(MediaPath.SERVER, two);
    assertEquals(List.of("alice", "bob"), publishedNames());
    System.out.printf(
        "Direct path blocked -> first relayed frame: %.0f ms (directTimeout %d ms)%n",
        failover, a.plan().directTimeout().toMillis());
  }

  private List<String> publishedNames() {
    return instance().streams().publishedNames().stream().sorted().toList();
  }

  @Test
  void aPairWhoseUdpIsBlockedRelaysWhileTheOthersStayDirect() throws Exception {
    MeetingPeer a = rtmfp("alice");
    MeetingPeer b = rtmfp("bob");
    MeetingPeer c = rtmfp("carol");
    InetSocketAddress aAddress = a.rtmfpClient().localAddress();
    InetSocketAddress bAddress = b.rtmfpClient().localAddress();
    a.rtmfpClient().setReachable(to -> !to.equals(bAddress));
    b.rtmfpClient().setReachable(to -> !to.equals(aAddress));
    join(a, b, c);

    await(
        "alice and bob relay, carol direct",
        () ->
            a.pathFrom("bob").equals("relay")
                && b.pathFrom("alice").equals("relay")
                && a.pathFrom("carol").equals("direct")
                && c.pathFrom("alice").equals("direct")
                && b.pathFrom("carol").equals("direct")
                && c.pathFrom("bob").equals("direct"));
    assertEquals("mesh", a.mode());
    long bobViaServer = a.from("bob").frames(MediaPath.SERVER);
    long carolDirect = a.from("carol").frames(MediaPath.DIRECT);
    await(
        "alice gets bob through the server and carol directly",
        () ->
            a.from("bob").frames(MediaPath.SERVER) > bobViaServer + 10
                && a.from("carol").frames(MediaPath.DIRECT) > carolDirect + 10);
    assertEquals(0, a.from("bob").frames(MediaPath.DIRECT), "the firewall lets nothing through");
    assertEquals(List.of("alice", "bob"), publishedNames());
  }
}
