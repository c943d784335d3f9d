package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.client.ClientSharedObject;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.UseSuccess;
import org.nimbusmedia.server.config.StorageConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;

/** Remote shared objects end to end over RTMP (fms4.md sections 1.5 and 2). */
class SharedObjectIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String SO_APP =
      """
      var synced = [];
      application.onConnect = function (client, name) {
        if (name == "reader") {
          client.writeAccess = "";
        }
        if (name == "nobody") {
          client.readAccess = "";
        }
        return true;
      };
      Client.prototype.scriptSet = function (name, slot, value) {
        var so = SharedObject.get(name, false);
        so.setProperty(slot, value);
        return so.version;
      };
      Client.prototype.watch = function (name) {
        var so = SharedObject.get(name, false);
        so.onSync = function (list) {
          for (var i = 0; i < list.length; i++) {
            synced.push(list[i].code + ":" + list[i].name);
          }
        };
        so.ping = function (x) { synced.push("ping:" + x); };
        return true;
      };
      Client.prototype.synced = function () { return synced.join(","); };
      """;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  private void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("so"));
    Files.writeString(apps.resolve("so/main.asc"), SO_APP);
    Path storage = work.resolve("sharedobjects");
    nimbus =
        EmbeddedNimbus.start(
            apps, config -> config.withStorage(new StorageConfig(work.resolve("rec"), storage)));
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

  private RtmpClient connected(ObjectEncoding encoding, Object... args) throws Exception {
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS.withObjectEncoding(encoding));
    client.connect(nimbus.rtmpUri("so/room"), args).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return client;
  }

  private static ClientSharedObject use(RtmpClient client, String name, boolean persistent)
      throws Exception {
    ClientSharedObject so = client.sharedObject(name, persistent);
    so.connect();
    so.awaitConnected(WAIT);
    return so;
  }

  private static Object call(RtmpClient client, String method, Object... args) throws Exception {
    return client.call(method, args).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void twoClientsSeeEachOthersChangesInOrder() throws Exception {
    start();
    ClientSharedObject a = use(connected(ObjectEncoding.AMF0), "chat/lobby", false);
    ClientSharedObject b = use(connected(ObjectEncoding.AMF0), "chat/lobby", false);
    for (int i = 1; i <= 20; i++) {
      a.setProperty("n", (double) i);
    }
    b.awaitData(d -> Double.valueOf(20).equals(d.get("n")), WAIT);
    List<Double> seen = new ArrayList<>();
    for (SharedObjectEvent e : b.events()) {
      if (e instanceof Change c) {
        c.properties().forEach(p -> seen.add((Double) p.value()));
      }
    }
    List<Double> expected = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      expected.add((double) i);
    }
    assertEquals(expected, seen, "every change reaches the other subscriber, in order");
    // fms4.md section 2: the originator gets Success(5) for its own change, never Change(4).
    a.awaitEvent(e -> e instanceof Success s && s.name().equals("n"), WAIT);
    assertTrue(a.events().stream().noneMatch(e -> e instanceof Change));
    assertEquals(20, b.version(), "one version per batch");
  }

  @Test
  void lateJoinerGetsTheFullStateAndAmf3SharesWithAmf0() throws Exception {
    start();
    ClientSharedObject a = use(connected(ObjectEncoding.AMF0), "state", false);
    a.write(
        List.of(
            new SharedObjectEvent.RequestChange(
                List.of(
                    new SharedObjectEvent.Property("x", 1.0),
                    new SharedObjectEvent.Property("o", AmfObject.of("k", "v"))))));
    a.awaitEvent(e -> e instanceof Success s && s.name().equals("o"), WAIT);

    ClientSharedObject late = use(connected(ObjectEncoding.AMF3), "state", false);
    Map<String, Object> data = late.awaitData(d -> d.size() == 2, WAIT);
    assertEquals(1.0, ((Number) data.get("x")).doubleValue());
    assertEquals("v", ((Map<?, ?>) data.get("o")).get("k"));
    List<SharedObjectEvent> first = late.received().get(0).events();
    assertInstanceOf(UseSuccess.class, first.get(0));
    assertInstanceOf(Clear.class, first.get(1));
    assertEquals(ObjectEncoding.AMF3, late.received().get(0).encoding());

    late.setProperty("y", "from amf3");
    a.awaitData(d -> "from amf3".equals(d.get("y")), WAIT);
    a.send("hello", "world");
    late.awaitEvent(e -> e instanceof SendMessage s && s.handler().equals("hello"), WAIT);
    a.awaitEvent(e -> e instanceof SendMessage s && s.handler().equals("hello"), WAIT);
  }

  @Test
  void returningClientGetsOnlyWhatChanged() throws Exception {
    start();
    ClientSharedObject a = use(connected(ObjectEncoding.AMF0), "delta", false);
    RtmpClient bClient = connected(ObjectEncoding.AMF0);
    ClientSharedObject b = use(bClient, "delta", false);
    a.setProperty("p", 1.0);
    a.setProperty("q", 2.0);
    b.awaitData(d -> d.size() == 2, WAIT);
    b.close();
    a.setProperty("q", 3.0);
    a.setProperty("p", null);
    a.awaitEvent(e -> e instanceof SharedObjectEvent.Remove r && r.name().equals("p"), WAIT);
    int before = b.received().size();
    b.connect();
    b.awaitConnected(WAIT);
    Map<String, Object> data = b.awaitData(d -> d.size() == 1 && d.containsKey("q"), WAIT);
    assertEquals(3.0, data.get("q"));
    // Changes sent to b before the server handled its release may arrive after "before" was
    // read: the resync is the first later message that carries the use-success.
    List<SharedObjectEvent> resync =
        b.received().subList(before, b.received().size()).stream()
            .filter(m -> m.events().stream().anyMatch(e -> e instanceof UseSuccess))
            .findFirst()
            .orElseThrow()
            .events();
    assertTrue(resync.stream().noneMatch(e -> e instanceof Clear), "incremental: " + resync);
  }

  @Test
  void persistentObjectSurvivesARestart() throws Exception {
    start();
    ClientSharedObject a = use(connected(ObjectEncoding.AMF0), "saved/scores", true);
    a.setProperty("alice", 42.0);
    a.awaitEvent(e -> e instanceof Success, WAIT);
    assertTrue(Files.exists(work.resolve("sharedobjects/so/room/saved/scores.so")));
    stop();

    start();
    ClientSharedObject again = use(connected(ObjectEncoding.AMF0), "saved/scores", true);
    Map<String, Object> data = again.awaitData(d -> d.containsKey("alice"), WAIT);
    assertEquals(42.0, data.get("alice"));
    assertEquals(1, again.version());

    ClientSharedObject wrong = connected(ObjectEncoding.AMF0).sharedObject("saved/scores", false);
    wrong.connect();
    Status status = (Status) wrong.awaitEvent(e -> e instanceof Status, WAIT);
    assertEquals("SharedObject.BadPersistence", status.code());
  }

  @Test
  void namesThatLeaveTheStorageFolderAreRefused() throws Exception {
    start();
    Path storage = work.resolve("sharedobjects");
    RtmpClient client = connected(ObjectEncoding.AMF0);
    for (String name : List.of("../escape", "../../../escape", "/escape", "a/../../escape")) {
      ClientSharedObject refused = client.sharedObject(name, true);
      refused.connect();
      Status status = (Status) refused.awaitEvent(e -> e instanceof Status, WAIT);
      assertEquals("SharedObject.ObjectCreationFailed", status.code(), name);
    }
    // Nothing is decoded: a percent-encoded "../" is a folder of that name inside the storage.
    ClientSharedObject encoded = use(client, "%2e%2e/escape", true);
    encoded.setProperty("x", 1.0);
    encoded.awaitEvent(e -> e instanceof Success, WAIT);

    assertTrue(Files.exists(storage.resolve("so/room/%2e%2e/escape.so")));
    for (Path outside :
        List.of(
            work.resolve("escape.so"),
            storage.resolve("escape.so"),
            storage.resolve("so/escape.so"),
            Path.of("/escape.so"))) {
      assertFalse(Files.exists(outside), outside.toString());
    }
  }

  @Test
  void accessListsAreEnforced() throws Exception {
    start();
    ClientSharedObject writer = use(connected(ObjectEncoding.AMF0), "guarded", false);
    ClientSharedObject reader = use(connected(ObjectEncoding.AMF0, "reader"), "guarded", false);
    reader.setProperty("x", 1.0);
    Status denied = (Status) reader.awaitEvent(e -> e instanceof Status, WAIT);
    assertEquals("SharedObject.NoWriteAccess", denied.code());
    writer.setProperty("y", 2.0);
    reader.awaitData(d -> d.containsKey("y"), WAIT);
    assertTrue(!reader.data().containsKey("x") && !writer.data().containsKey("x"));

    ClientSharedObject nobody =
        connected(ObjectEncoding.AMF0, "nobody").sharedObject("guarded", false);
    nobody.connect();
    Status noRead = (Status) nobody.awaitEvent(e -> e instanceof Status, WAIT);
    assertEquals("SharedObject.NoReadAccess", noRead.code());
  }

  @Test
  void scriptAndClientsShareAnObject() throws Exception {
    start();
    RtmpClient client = connected(ObjectEncoding.AMF0);
    ClientSharedObject so = use(client, "scripted", false);
    assertEquals(true, call(client, "watch", "scripted"));
    call(client, "scriptSet", "scripted", "fromScript", "hi");
    so.awaitData(d -> "hi".equals(d.get("fromScript")), WAIT);

    so.setProperty("fromClient", 5.0);
    so.send("ping", "x");
    so.awaitEvent(e -> e instanceof SendMessage, WAIT);
    String synced = "";
    for (int i = 0; i < 200 && !synced.contains("ping:x"); i++) {
      synced = (String) call(client, "synced");
    }
    // The script hears the client's change, not its own setProperty (fms4.md section 1.5).
    assertEquals("change:fromClient,ping:x", synced);
  }
}
