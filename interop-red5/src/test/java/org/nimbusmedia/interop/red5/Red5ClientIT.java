package org.nimbusmedia.interop.red5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;
import org.red5.server.api.service.IPendingServiceCall;
import org.red5.server.so.SharedObjectService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Red5's Java client ({@code org.red5:red5-client}, ../shared/reference/clients.md), a client no
 * one here wrote, against Nimbus over RTMP and RTMPT: it joins a remote shared object (fms4.md
 * section 2), sees our client's change, its own change reaches our client, and its {@code
 * NetConnection.call} gets a result, or {@code _error} with {@code NetConnection.Call.Failed} for a
 * method the script lacks.
 */
class Red5ClientIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static ThreadPoolTaskScheduler red5Scheduler;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();
  private Red5Connection red5;

  /**
   * Red5's client-side shared objects schedule their updates on SharedObjectService's scheduler,
   * which only Red5's server context sets: without one, a write fails with a NullPointerException.
   */
  @BeforeAll
  static void giveRed5ItsScheduler() {
    red5Scheduler = new ThreadPoolTaskScheduler();
    red5Scheduler.setPoolSize(2);
    red5Scheduler.setThreadNamePrefix("red5-so-");
    red5Scheduler.initialize();
    SharedObjectService.setScheduler(red5Scheduler);
  }

  @AfterAll
  static void stopRed5Scheduler() {
    red5Scheduler.shutdown();
  }

  private void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("so"));
    Files.writeString(
        apps.resolve("so/main.asc"), "Client.prototype.add = function (a, b) { return a + b; };\n");
    nimbus = EmbeddedNimbus.start(apps, EmbeddedNimbus::withRtmpt);
  }

  @AfterEach
  void stop() {
    if (red5 != null) {
      red5.close();
    }
    clients.close();
    if (nimbus != null) {
      nimbus.close();
    }
  }

  private Red5Connection connectRed5(String protocol) throws Exception {
    red5 = Red5Connection.open(protocol, nimbus.port(protocol), "so/room", WAIT);
    return red5;
  }

  private ClientSharedObject ourSharedObject(String name) throws Exception {
    RtmpClient ours =
        clients.connect(URI.create("rtmp://127.0.0.1:" + nimbus.rtmpPort() + "/so/room"));
    ClientSharedObject so = ours.sharedObject(name, false);
    so.connect();
    so.awaitConnected(WAIT);
    return so;
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtmp", "rtmpt"})
  void red5AndOurClientSeeEachOthersSharedObjectChanges(String protocol) throws Exception {
    start();
    Red5Connection connection = connectRed5(protocol);
    Red5SharedObject board = connection.sharedObject("board");
    ClientSharedObject ours = ourSharedObject("board");

    ours.setProperty("x", 42.0);

    board.awaitUpdate("x", 42.0, WAIT);

    board.set("fromRed5", "hello");

    ours.awaitData(data -> "hello".equals(data.get("fromRed5")), WAIT);
    ClientSharedObject lateJoiner = ourSharedObject("board");
    assertEquals(Map.of("x", 42.0, "fromRed5", "hello"), lateJoiner.data());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtmp", "rtmpt"})
  void red5CallsAScriptMethodAndAMissingOneGetsCallFailed(String protocol) throws Exception {
    start();
    Red5Connection connection = connectRed5(protocol);

    IPendingServiceCall sum =
        connection.call("add", 2.0, 3.0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    IPendingServiceCall missing =
        connection.call("noSuchMethod", 1.0).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertTrue(sum.isSuccess());
    assertEquals(5.0, ((Number) sum.getResult()).doubleValue());
    Map<?, ?> info = assertInstanceOf(Map.class, missing.getResult());
    assertEquals("NetConnection.Call.Failed", info.get("code"));
    assertEquals("error", info.get("level"));
  }
}
