package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.host.SharedObjectHost;

/** {@code Stream}, {@code SharedObject} and publish events reach the host interfaces. */
class HostObjectsTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void streamCallsReachTheHostAndStatusEventsReachOnStatus() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        var statuses = [];
        Client.prototype.relay = function(name) {
          var s = Stream.get("mp4:" + name);
          s.onStatus = function(info) { statuses.push(info.code); };
          s.play(name, -1, -1);
          s.record("append");
          s.send("onMetaInfo", {title: "t"});
          s.record(false);
          s.receiveVideo(false);
          s.clear();
          s.play(false);
          return [s.name, Stream.get("mp4:" + name) === s, Stream.length(name)].join("|");
        };
        Client.prototype.statuses = function() { return statuses.join(","); };
        Client.prototype.drop = function(name) { return Stream.destroy(Stream.get("mp4:" + name)); };
        """);
    ApplicationScript script = scripts.start(host);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals("mp4:cam|true|42.5", await(script.invoke(client, "relay", List.of("cam"))));
    host.streams.get("mp4:cam").status.accept(Map.of("code", "NetStream.Play.Start"));
    assertEquals(true, await(script.invoke(client, "drop", List.of("cam"))));
    assertEquals("NetStream.Play.Start", await(script.invoke(client, "statuses", List.of())));

    synchronized (host) {
      assertEquals(
          List.of(
              "play mp4:cam cam -1.0 -1.0 true",
              "record mp4:cam append",
              "send mp4:cam onMetaInfo [{title=t}]",
              "stopRecording mp4:cam",
              "receiveVideo mp4:cam false",
              "clear mp4:cam",
              "stop mp4:cam",
              "destroy mp4:cam"),
          host.streamActions);
    }
  }

  @Test
  void publishEventsCarryTheStreamAndItsQueryString() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        application.onPublish = function(client, stream) {
          client.call("published", null, stream.name, stream.publishQueryString);
        };
        application.onUnpublish = function(client, stream) {
          client.call("unpublished", null, stream.name);
        };
        """);
    ApplicationScript script = scripts.start(host);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    await(script.publish(client, "live1", "token=abc"));
    await(script.unpublish(client, "live1"));

    assertEquals(List.of("live1", "token=abc"), client.nextCall().args());
    assertEquals(List.of("live1"), client.nextCall().args());
  }

  @Test
  void sharedObjectPropertiesAreKeptByTheHost() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        Client.prototype.join = function(name) {
          var users = SharedObject.get("users", false);
          users.setProperty(name, {since: 1});
          users.setProperty("ghost", {since: 0});
          users.setProperty("ghost", null);
          return users.getPropertyNames().join(",") + "|" + users.size() + "|"
              + users.getProperty(name).since;
        };
        Client.prototype.wipe = function() { return application.clearSharedObjects("/"); };
        """);
    ApplicationScript script = scripts.start(host);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals("alice|1|1", await(script.invoke(client, "join", List.of("alice"))));
    synchronized (host) {
      assertEquals(Map.of("alice", AmfObject.of("since", 1.0)), host.sharedObjects.get("users"));
    }
    assertEquals(true, await(script.invoke(client, "wipe", List.of())));
    synchronized (host) {
      assertTrue(host.streamActions.contains("clear /"));
    }
  }

  @Test
  void clientChangesReachOnSyncAndClientSendsReachTheHandler() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        var log = [];
        var room = SharedObject.get("room", true);
        room.onSync = function(list) {
          for (var i = 0; i < list.length; i++) log.push(list[i].code + ":" + list[i].name);
        };
        room.chat = function(from, text) { log.push(from + " says " + text); };
        Client.prototype.log = function() { return log.join(","); };
        """);
    ApplicationScript script = scripts.start(host);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    SharedObjectHost.Listener listener;
    synchronized (host) {
      listener = host.sharedObjectListeners.get("room");
    }

    listener.onSync(List.of(Map.of("code", "change", "name", "topic")));
    listener.onSend("chat", List.of("bob", "hi"));

    assertEquals("change:topic,bob says hi", await(script.invoke(client, "log", List.of())));
  }

  @Test
  void lockMarkAutoCommitAndCommitReachTheHost() throws Exception {
    FakeHost host = new FakeHost("app", "_definst_", root);
    Scripts.write(
        root,
        "main.asc",
        """
        Client.prototype.batch = function() {
          var so = SharedObject.get("board", true);
          var counts = [so.lock(), so.lock()];
          so.setProperty("x", 1);
          so.mark("onMoved", "x", 2);
          counts.push(so.unlock(), so.unlock());
          so.autoCommit = false;
          return counts.join(",") + "|" + so.autoCommit + "|" + so.isDirty + "|"
              + SharedObject.commit("board") + "|" + SharedObject.commit();
        };
        """);
    ApplicationScript script = scripts.start(host);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals("1,2,1,0|false|true|true|true", await(script.invoke(client, "batch", List.of())));
    synchronized (host) {
      assertEquals(List.of("onMoved [x, 2.0]"), host.sharedObjectHandles.get("board").marks);
      assertEquals(List.of("board", "null"), host.commits);
    }
  }
}
