package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nimbusmedia.rtmfp.fallback.Attempt;
import org.nimbusmedia.rtmfp.fallback.FallbackConfig;
import org.nimbusmedia.rtmfp.fallback.FallbackConnector;
import org.nimbusmedia.rtmfp.fallback.FallbackException;
import org.nimbusmedia.rtmfp.fallback.FallbackTarget;
import org.nimbusmedia.rtmfp.fallback.Mode;
import org.nimbusmedia.rtmfp.fallback.Protocol;
import org.nimbusmedia.rtmfp.fallback.ServerConnection;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.testing.EmbeddedNimbus;

/**
 * Connecting with fallback against the server's three front ends (issue 7, "Connection with
 * fallback"; the seed article's "UDP blocking"): a simulated firewall swallows the RTMFP datagrams
 * or the RTMP connection, and the client still gets in, over RTMP or RTMPT, and says which. A
 * swallowing firewall is a bound socket that never answers: a UDP socket that reads nothing, a TCP
 * listener whose connections the kernel accepts and nobody serves, so an attempt can only end by
 * its timeout. The fallback times are printed (lines starting {@code FALLBACK}), not asserted.
 */
class FallbackConnectIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final List<ServerConnection> connections = new ArrayList<>();
  private final List<AutoCloseable> firewalls = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("meeting"));
    Files.writeString(
        apps.resolve("meeting/main.asc"),
        String.join(
            "\n",
            "Client.prototype.protocolSeen = function() { return this.protocol; };",
            "Client.prototype.askBack = function(question) {",
            "  var self = this;",
            "  this.call('answer', { onResult: function(value) { self.heard = value; } }, question);",
            "};",
            "Client.prototype.heardBack = function() { return this.heard; };",
            "Client.prototype.leave = function() { application.disconnect(this); };",
            ""));
    nimbus = EmbeddedNimbus.startRtmpAndRtmfp(apps, EmbeddedNimbus::withRtmpt, "meeting");
  }

  @AfterEach
  void stop() throws Exception {
    connections.forEach(ServerConnection::close);
    for (AutoCloseable firewall : firewalls) {
      firewall.close();
    }
    nimbus.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The server's real ports. */
  private FallbackTarget open() {
    return new FallbackTarget(
        "127.0.0.1", "meeting", nimbus.port("rtmfp"), nimbus.port("rtmp"), nimbus.port("rtmpt"));
  }

  /** A UDP port where datagrams arrive and nothing ever answers, as behind a dropping firewall. */
  private int udpBlackHole() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    firewalls.add(socket);
    return socket.getLocalPort();
  }

  /** A TCP port that takes connections and never sends a byte: the RTMP handshake never ends. */
  private int tcpBlackHole() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    firewalls.add(socket);
    return socket.getLocalPort();
  }

  /** A TCP port nothing listens on: connections are refused at once. */
  private static int closedTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private FallbackConnector connector(FallbackConfig config) {
    return new FallbackConnector(
        group, config, RtmpClientConfig.DEFAULTS, RtmfpConfig.defaults(), Clock.systemUTC());
  }

  private ServerConnection connect(FallbackConfig config, FallbackTarget target) throws Exception {
    ServerConnection connection = connector(config).connect(target).get(WAIT.toSeconds(), SECONDS);
    connections.add(connection);
    return connection;
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toSeconds(), SECONDS);
  }

  private int clientsOfMeeting() {
    return nimbus
        .server()
        .applications()
        .instance(new AppAddress("meeting", AppAddress.DEFAULT_INSTANCE))
        .map(instance -> instance.clients().size())
        .orElse(0);
  }

  private static void report(String what, ServerConnection connection) {
    System.out.printf(
        "FALLBACK %s: connected over %s in %d ms%n",
        what, connection.protocol(), connection.connectTime().toMillis());
  }

  @Test
  void rtmfpIsUsedWhenUdpGetsThrough() throws Exception {
    ServerConnection connection = connect(FallbackConfig.DEFAULTS, open());

    assertEquals(Protocol.RTMFP, connection.protocol());
    assertEquals("rtmfp", await(connection.call("protocolSeen")));
    assertEquals(32, connection.peerId().length, "an RTMFP peer ID is 256 bits");
  }

  @Test
  void aClientWhoseUdpIsBlockedConnectsOverRtmpAfterTheAttemptTimeout() throws Exception {
    FallbackTarget target = open().withPort(Protocol.RTMFP, udpBlackHole());

    ServerConnection connection = connect(FallbackConfig.DEFAULTS, target);

    report("UDP blocked, sequential, 5 s attempts", connection);
    assertEquals(Protocol.RTMP, connection.protocol());
    assertEquals("rtmp", await(connection.call("protocolSeen")));
    assertTrue(
        connection.connectTime().compareTo(FallbackConfig.DEFAULTS.attemptTimeout()) >= 0,
        "RTMP is tried only once RTMFP has had its 5 s");
  }

  @Test
  void aClientWhosePort1935IsBlockedConnectsOverRtmpt() throws Exception {
    FallbackTarget target =
        open().withPort(Protocol.RTMFP, udpBlackHole()).withPort(Protocol.RTMP, tcpBlackHole());

    ServerConnection connection = connect(FallbackConfig.DEFAULTS, target);

    report("UDP and RTMP blocked, sequential, 5 s attempts", connection);
    assertEquals(Protocol.RTMPT, connection.protocol());
    assertEquals("rtmpt", await(connection.call("protocolSeen")));
  }

  @Test
  void parallelModePicksRtmfpWhenEveryProtocolWorksAndClosesTheOthers() throws Exception {
    ServerConnection connection = connect(FallbackConfig.DEFAULTS.withMode(Mode.PARALLEL), open());

    report("all open, parallel", connection);
    assertEquals(Protocol.RTMFP, connection.protocol());
    assertEquals("rtmfp", await(connection.call("protocolSeen")));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (clientsOfMeeting() != 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, clientsOfMeeting(), "the RTMP and RTMPT connections were closed");
  }

  @Test
  void parallelModeFallsBackToRtmpWhenUdpIsBlocked() throws Exception {
    FallbackTarget target = open().withPort(Protocol.RTMFP, udpBlackHole());
    FallbackConfig config =
        FallbackConfig.DEFAULTS.withMode(Mode.PARALLEL).withAttemptTimeout(Duration.ofSeconds(2));

    ServerConnection connection = connect(config, target);

    report("UDP blocked, parallel, 2 s attempts", connection);
    assertEquals(Protocol.RTMP, connection.protocol());
    assertEquals("rtmp", await(connection.call("protocolSeen")));
  }

  @Test
  void whenEverythingIsBlockedTheFailureNamesEveryAttempt() throws Exception {
    FallbackTarget target =
        open()
            .withPort(Protocol.RTMFP, udpBlackHole())
            .withPort(Protocol.RTMP, closedTcpPort())
            .withPort(Protocol.RTMPT, tcpBlackHole());
    FallbackConfig config = FallbackConfig.DEFAULTS.withAttemptTimeout(Duration.ofSeconds(2));

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> connect(config, target));

    FallbackException failure = assertInstanceOf(FallbackException.class, failed.getCause());
    List<Attempt> attempts = failure.attempts();
    assertEquals(
        List.of(Protocol.RTMFP, Protocol.RTMP, Protocol.RTMPT),
        attempts.stream().map(Attempt::protocol).toList());
    assertInstanceOf(TimeoutException.class, attempts.get(0).failure());
    assertTrue(
        attempts.get(1).failure().getMessage().contains("Connection refused"),
        attempts.get(1).toString());
    assertInstanceOf(TimeoutException.class, attempts.get(2).failure());
    String message = failure.getMessage();
    assertTrue(message.contains("RTMFP " + target.uri(Protocol.RTMFP)), message);
    assertTrue(message.contains("no answer within 2000 ms"), message);
    assertTrue(message.contains("RTMP " + target.uri(Protocol.RTMP)), message);
    assertTrue(message.contains("RTMPT " + target.uri(Protocol.RTMPT)), message);
  }

  @Test
  void aRejectionOverEveryProtocolIsNamedForEach() throws Exception {
    FallbackTarget target =
        new FallbackTarget(
            "127.0.0.1",
            "nosuchapp",
            nimbus.port("rtmfp"),
            nimbus.port("rtmp"),
            nimbus.port("rtmpt"));

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> connect(FallbackConfig.DEFAULTS, target));

    FallbackException failure = assertInstanceOf(FallbackException.class, failed.getCause());
    assertEquals(3, failure.attempts().size());
    for (Attempt attempt : failure.attempts()) {
      RtmpStatusException refusal =
          assertInstanceOf(RtmpStatusException.class, attempt.failure(), attempt.toString());
      assertEquals("NetConnection.Connect.Rejected", refusal.code());
    }
  }

  @Test
  void mediaCrossesBetweenConnectionsThatFellBackDifferently() throws Exception {
    ServerConnection overRtmfp = connect(FallbackConfig.DEFAULTS, open());
    FallbackTarget blocked =
        open().withPort(Protocol.RTMFP, udpBlackHole()).withPort(Protocol.RTMP, closedTcpPort());
    ServerConnection overRtmpt =
        connect(FallbackConfig.DEFAULTS.withAttemptTimeout(Duration.ofSeconds(2)), blocked);
    assertEquals(Protocol.RTMFP, overRtmfp.protocol());
    assertEquals(Protocol.RTMPT, overRtmpt.protocol());

    ServerConnection.Publication camera = await(overRtmfp.publish("alice"));
    LinkedBlockingQueue<ReceivedMedia> seen = new LinkedBlockingQueue<>();
    await(overRtmpt.play("alice", seen::add));
    byte[] keyframe = {0x17, 1, 0, 0, 0, 0x65, 1, 2, 3};
    byte[] audio = {(byte) 0xAF, 1, 0x21, 7};
    camera.sendVideo(0, keyframe);
    camera.sendAudio(20, audio);

    assertArrayEquals(keyframe, nextFrame(seen).payload());
    assertArrayEquals(audio, nextFrame(seen).payload());

    ServerConnection.Publication back = await(overRtmpt.publish("bob"));
    LinkedBlockingQueue<ReceivedMedia> heard = new LinkedBlockingQueue<>();
    await(overRtmfp.play("bob", heard::add));
    back.sendVideo(0, keyframe);
    back.sendAudio(20, audio);

    assertArrayEquals(keyframe, nextFrame(heard).payload());
    assertArrayEquals(audio, nextFrame(heard).payload());
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void serverCallsAreAnsweredAndADisconnectIsSeenWhicheverProtocolWon(Protocol protocol)
      throws Exception {
    ServerConnection connection =
        connect(FallbackConfig.DEFAULTS.withOrder(List.of(protocol)), open());
    connection.onCall("answer", args -> "pong to " + args.get(0));

    await(connection.call("askBack", "ping"));
    long deadline = System.nanoTime() + WAIT.toNanos();
    Object heard = null;
    while (heard == null && System.nanoTime() < deadline) {
      heard = await(connection.call("heardBack"));
    }
    assertEquals("pong to ping", heard);

    connection.call("leave");
    await(connection.closed());
  }

  /** The next audio or video message, past the data messages that start every play. */
  private static ReceivedMedia nextFrame(LinkedBlockingQueue<ReceivedMedia> queue)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      ReceivedMedia media = queue.poll(100, TimeUnit.MILLISECONDS);
      if (media != null && media.kind() != ReceivedMedia.Kind.DATA) {
        return media;
      }
    }
    throw new AssertionError("no frame within " + WAIT);
  }
}
