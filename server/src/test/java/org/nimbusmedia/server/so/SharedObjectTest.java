package org.nimbusmedia.server.so;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestRemove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;

/** Server behaviour of fms4.md section 2, without a network. */
class SharedObjectTest {

  private static final class Recorder implements SharedObjectSubscriber {
    final List<SharedObjectMessage> messages = new ArrayList<>();

    @Override
    public void deliver(SharedObjectMessage message) {
      messages.add(message);
    }

    List<SharedObjectEvent> events() {
      List<SharedObjectEvent> all = new ArrayList<>();
      messages.forEach(m -> all.addAll(m.events()));
      return all;
    }

    SharedObjectMessage last() {
      return messages.get(messages.size() - 1);
    }
  }

  private static SharedObjectSettings settings(int maxProperties, int resyncDepth) {
    return new SharedObjectSettings(null, 2, maxProperties, 64, resyncDepth, 4);
  }

  private static RequestChange set(String name, Object value) {
    return new RequestChange(List.of(new Property(name, value)));
  }

  @Test
  void oneVersionPerBatchSuccessToOriginChangeToOthers() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 10), "app", "inst");
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    objects.use("s", false, b, ObjectEncoding.AMF3, 0);
    objects.request(so, a, List.of(set("x", 1.0), set("y", 2.0), new RequestRemove("none")));
    assertEquals(1, so.version());
    assertEquals(List.of(new Success("x"), new Success("y")), a.last().events());
    assertEquals(
        List.of(new Change(List.of(new Property("x", 1.0), new Property("y", 2.0)))),
        b.last().events());
    assertEquals(ObjectEncoding.AMF3, b.last().encoding());
    assertEquals(1, b.last().version());
  }

  @Test
  void aScriptLockHoldsClientUpdatesUntilUnlock() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 10), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    so.lock();
    int before = a.messages.size();
    objects.request(so, a, List.of(set("x", 1.0)));
    assertEquals(before, a.messages.size());
    assertEquals(null, so.get("x"));
    so.unlock();
    assertEquals(1.0, so.get("x"));
    assertEquals(List.of(new Success("x")), a.last().events());
  }

  @Test
  void limitsAnswerWithAStatus() throws Exception {
    SharedObjects objects = new SharedObjects(settings(1, 10), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    objects.request(so, a, List.of(set("x", 1.0), set("y", 2.0)));
    assertTrue(a.events().contains(new Status(SharedObject.LIMIT_EXCEEDED, "error")));
    assertEquals(null, so.get("y"));
    objects.request(so, a, List.of(set("x", "z".repeat(100))));
    assertEquals(1.0, so.get("x"), "a value above maxValueSize is refused");

    objects.use("t", false, new Recorder(), ObjectEncoding.AMF0, 0);
    SharedObjectException e =
        assertThrows(
            SharedObjectException.class,
            () -> objects.use("u", false, new Recorder(), ObjectEncoding.AMF0, 0));
    assertEquals(SharedObjects.CREATION_FAILED, e.code());
    e =
        assertThrows(
            SharedObjectException.class,
            () -> objects.use("s", true, new Recorder(), ObjectEncoding.AMF0, 0));
    assertEquals(SharedObjects.BAD_PERSISTENCE, e.code());
  }

  @Test
  void temporaryObjectsGoWhenTheLastHolderLeaves() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 10), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    SharedObject held = objects.open("s", false);
    assertSame(so, held);
    objects.release(so, a);
    assertSame(so, objects.find("s"), "the script still holds it");
    objects.close(held);
    assertEquals(null, objects.find("s"));
    assertNotSame(so, objects.use("s", false, a, ObjectEncoding.AMF0, 0));
  }

  @Test
  void aClientBeyondTheHistoryIsResyncedInFull() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 1), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    objects.request(so, a, List.of(set("p", 1.0), set("q", 1.0), set("r", 1.0)));
    objects.request(so, a, List.of(new RequestRemove("p")));
    objects.request(so, a, List.of(new RequestRemove("q")));
    // Only one deletion is remembered: a client at version 1 missed two.
    Recorder late = new Recorder();
    objects.use("s", false, late, ObjectEncoding.AMF0, 1);
    assertInstanceOf(Clear.class, late.events().get(1));
    Recorder recent = new Recorder();
    objects.use("s", false, recent, ObjectEncoding.AMF0, 2);
    assertEquals(
        List.of(new SharedObjectEvent.UseSuccess(), new SharedObjectEvent.Remove("q")),
        recent.events());
  }

  @Test
  void serverSetPropertyReachesClientsAndSurvivesAsVersion() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 10), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    so.set("k", "v");
    assertEquals(List.of(new Change(List.of(new Property("k", "v")))), a.last().events());
    so.set("k", null);
    assertEquals(List.of(new SharedObjectEvent.Remove("k")), a.last().events());
    so.clear();
    assertEquals(List.of(new Clear()), a.last().events());
    assertEquals(3, so.version());
  }
}
