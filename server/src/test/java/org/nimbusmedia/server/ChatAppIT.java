package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.server.config.StorageConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;

/**
 * The bundled {@code apps/chat}: history in a persistent shared object, users in a temporary one.
 */
class ChatAppIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  private void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("chat"));
    Files.copy(
        Path.of("..", "apps", "chat", "main.asc"),
        apps.resolve("chat/main.asc"),
        StandardCopyOption.REPLACE_EXISTING);
    nimbus =
        EmbeddedNimbus.start(
            apps,
            config ->
                config.withStorage(
                    new StorageConfig(work.resolve("rec"), work.resolve("sharedobjects"))));
  }

  @AfterEach
  void closeAll() {
    clients.close();
    stop();
  }

  /** Stops the server; a test may start another one (the clients stay for it). */
  private void stop() {
    if (nimbus != null) {
      nimbus.close();
    }
  }

  private RtmpClient connected(String name) throws Exception {
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS);
    client.connect(nimbus.rtmpUri("chat"), name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client;
  }

  private static ClientSharedObject use(RtmpClient client, String name, boolean persistent)
      throws Exception {
    ClientSharedObject so = client.sharedObject(name, persistent);
    so.connect();
    so.awaitConnected(WAIT);
    return so;
  }

  @Test
  void messagesAndParticipantsReachEveryoneAndHistorySurvivesARestart() throws Exception {
    start();
    RtmpClient alice = connected("alice");
    ClientSharedObject aliceUsers = use(alice, "users", false);
    ClientSharedObject aliceHistory = use(alice, "history", true);
    RtmpClient bob = connected("bob");
    ClientSharedObject bobHistory = use(bob, "history", true);
    aliceUsers.awaitData(d -> d.containsKey("alice") && d.containsKey("bob"), WAIT);

    assertEquals(0.0, alice.call("sendMessage", "hello").get(WAIT.toSeconds(), TimeUnit.SECONDS));
    Map<String, Object> history = bobHistory.awaitData(d -> d.containsKey("m0"), WAIT);
    assertEquals("hello", ((Map<?, ?>) history.get("m0")).get("text"));
    assertEquals("alice", ((Map<?, ?>) history.get("m0")).get("from"));
    SendMessage pushed = (SendMessage) bobHistory.awaitEvent(e -> e instanceof SendMessage, WAIT);
    assertEquals(List.of("alice", "hello"), pushed.arguments());

    // Clients may read but not write: the server owns both objects.
    aliceHistory.setProperty("m0", "forged");
    Status denied = (Status) aliceHistory.awaitEvent(e -> e instanceof Status, WAIT);
    assertEquals("SharedObject.NoWriteAccess", denied.code());

    bob.close();
    aliceUsers.awaitData(d -> !d.containsKey("bob"), WAIT);
    stop();

    start();
    ClientSharedObject again = use(connected("carol"), "history", true);
    Map<String, Object> kept = again.awaitData(d -> d.containsKey("m0"), WAIT);
    assertEquals("hello", ((Map<?, ?>) kept.get("m0")).get("text"));
    assertTrue(kept.containsKey("next"));
  }
}
