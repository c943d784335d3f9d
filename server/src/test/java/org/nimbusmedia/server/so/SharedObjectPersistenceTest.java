package org.nimbusmedia.server.so;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;

/**
 * Persistent objects and the disk (fms4.md section 1.5): nothing is acknowledged that was not
 * stored, autoCommit, commit, and clearSharedObjects.
 */
class SharedObjectPersistenceTest {
  @TempDir Path root;

  private static final class Recorder implements SharedObjectSubscriber {
    final List<SharedObjectMessage> messages = new ArrayList<>();

    @Override
    public void deliver(SharedObjectMessage message) {
      messages.add(message);
    }

    SharedObjectMessage last() {
      return messages.get(messages.size() - 1);
    }
  }

  private SharedObjects objects() {
    return new SharedObjects(new SharedObjectSettings(root, 10, 10, 1024, 10, 4), "app", "inst");
  }

  private SharedObjectStore.Stored stored(String name) {
    return new SharedObjectStore(root.resolve("app").resolve("inst"), AmfLimits.DEFAULT).load(name);
  }

  private static RequestChange set(String name, Object value) {
    return new RequestChange(List.of(new Property(name, value)));
  }

  /**
   * Makes the next write of {@code name} fail: a folder where its temporary file goes. A read-only
   * folder would not do, because tests may run as root, who writes anyway.
   */
  private Path blockWrites(String name) throws Exception {
    Path blocker = root.resolve("app").resolve("inst").resolve(name + ".so.tmp");
    Files.createDirectories(blocker);
    return blocker;
  }

  @Test
  void aChangeThatCannotBeStoredIsUndoneAndTheSenderGetsFlushFailed() throws Exception {
    SharedObjects objects = objects();
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    SharedObject so = objects.use("room", true, a, ObjectEncoding.AMF0, 0);
    objects.use("room", true, b, ObjectEncoding.AMF0, 0);
    objects.request(so, a, List.of(set("topic", "first")));
    int seenByB = b.messages.size();
    Path blocker = blockWrites("room");

    objects.request(so, a, List.of(set("topic", "second"), set("extra", 1.0)));

    assertEquals(
        List.of(
            new Status(SharedObject.FLUSH_FAILED, "error"),
            new Change(List.of(new Property("topic", "first"))),
            new SharedObjectEvent.Remove("extra")),
        a.last().events(),
        "no Success: a status, and the server's values back");
    assertEquals(1, a.last().version());
    assertEquals(seenByB, b.messages.size(), "the other client hears of nothing");
    assertEquals("first", so.get("topic"));
    assertNull(so.get("extra"));
    assertEquals(1, so.version());
    assertEquals(Map.of("topic", "first"), stored("room").properties());

    Files.delete(blocker);
    objects.request(so, a, List.of(set("topic", "third")));

    assertEquals(List.of(new Success("topic")), a.last().events());
    assertEquals(2, so.version(), "the failed batch used no version");
    assertEquals(2, stored("room").version());
  }

  @Test
  void aScriptChangeThatCannotBeStoredReturnsFalseAndChangesNothing() throws Exception {
    SharedObjects objects = objects();
    Recorder a = new Recorder();
    SharedObject so = objects.use("room", true, a, ObjectEncoding.AMF0, 0);
    assertTrue(so.set("k", "v"));
    int seen = a.messages.size();
    blockWrites("room");

    assertFalse(so.set("k", "w"));
    assertFalse(so.set("k", null));
    assertFalse(so.clear());

    assertEquals("v", so.get("k"));
    assertEquals(1, so.version());
    assertEquals(seen, a.messages.size());
  }

  @Test
  void withAutoCommitOffChangesWaitForCommitAndAreStoredWhenTheObjectLeavesMemory()
      throws Exception {
    SharedObjects objects = objects();
    SharedObject so = objects.open("notes", true);
    so.autoCommit(false);

    so.set("a", 1.0);

    assertTrue(so.dirty());
    assertNull(stored("notes"), "nothing stored yet");
    assertTrue(objects.commit(null));
    assertFalse(so.dirty());
    assertEquals(Map.of("a", 1.0), stored("notes").properties());

    so.set("b", 2.0);
    assertTrue(objects.commit("other"), "another name commits nothing");
    assertTrue(so.dirty());
    objects.close(so);

    assertEquals(Map.of("a", 1.0, "b", 2.0), stored("notes").properties());
    assertEquals(2, stored("notes").version());
  }

  @Test
  void clearSharedObjectsClearsWhatThePathNamesAndDeletesItsFiles() throws Exception {
    SharedObjects objects = objects();
    Recorder a = new Recorder();
    SharedObject live = objects.use("rooms/a", true, a, ObjectEncoding.AMF0, 0);
    live.set("k", "v");
    SharedObject stays = objects.open("lobby", true);
    stays.set("k", "v");
    SharedObject gone = objects.open("rooms/b", true);
    gone.set("k", "v");
    objects.close(gone); // on disk only now

    assertFalse(objects.clear("/nothing/*"), "a path that names nothing");
    assertFalse(objects.clear("no-leading-slash"));
    assertTrue(objects.clear("/rooms/*"));

    assertEquals(
        List.of(new SharedObjectEvent.Clear()), a.last().events(), "a subscriber sees Clear");
    assertTrue(live.names().isEmpty());
    assertNull(stored("rooms/a"));
    assertNull(stored("rooms/b"));
    assertEquals(Map.of("k", "v"), stored("lobby").properties());
    assertTrue(objects.clear("/lobb?"));
    assertNull(stored("lobby"));
    assertTrue(stays.names().isEmpty());
  }
}
