package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.config.ApplicationsConfig;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ListenersConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.RawRtmpSocket;

class NimbusServerLifecycleTest {
  @TempDir Path apps;

  /**
   * The server's threads still alive. A thread whose executor has terminated may take a moment to
   * exit, so this waits (at most ten seconds) for the list to empty before returning it.
   */
  private static List<String> nimbusThreads() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> alive = aliveNimbusThreads();
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      alive = aliveNimbusThreads();
    }
    return alive;
  }

  private static List<String> aliveNimbusThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("nimbus-"))
        .sorted()
        .toList();
  }

  @Test
  void startStopStartAgainLeavesNoPortOrThreadBehind() throws Exception {
    int port;
    try (EmbeddedNimbus first = EmbeddedNimbus.startRtmp(apps, "live")) {
      port = first.rtmpPort();
      try (Socket client = new Socket("127.0.0.1", port)) {
        client.getOutputStream().write(3); // C0: a client mid-handshake when the server stops
      }
    }
    assertEquals(List.of(), nimbusThreads());

    NimbusConfig samePort = config(port);
    try (NimbusServer second = new NimbusServer(samePort)) {
      second.start();
      assertEquals(NimbusServer.State.RUNNING, second.state());
      assertEquals(port, second.address("rtmp").orElseThrow().getPort());
    }
    assertEquals(List.of(), nimbusThreads());
  }

  @Test
  void stopClosesConnectedClients() throws Exception {
    try (EmbeddedNimbus nimbus = EmbeddedNimbus.startRtmp(apps, "live");
        RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      client.handshake();
      nimbus.server().stop();

      assertTrue(client.closedByServer(), "the server closes the connection when it stops");
    }
  }

  @Test
  void portInUseFailsStartAndReleasesEverything() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      NimbusServer server = new NimbusServer(config(taken.getLocalPort()));

      assertThrows(Exception.class, server::start);

      assertEquals(NimbusServer.State.STOPPED, server.state());
      assertEquals(List.of(), nimbusThreads());
    }
  }

  @Test
  void aStoppedServerCannotStartAgain() throws Exception {
    NimbusServer server = new NimbusServer(config(0));
    server.start();
    server.stop();

    assertThrows(IllegalStateException.class, server::start);
    assertTrue(server.address("rtmp").isEmpty());
  }

  private NimbusConfig config(int rtmpPort) {
    ListenerConfig off = new ListenerConfig(false, "127.0.0.1", 0);
    return NimbusConfig.defaults()
        .withServer(
            new ServerConfig(
                new ListenersConfig(new ListenerConfig(true, "127.0.0.1", rtmpPort), off, off, off),
                Duration.ofSeconds(2)))
        .withApplications(new ApplicationsConfig(apps, Duration.ofMinutes(1)));
  }
}
