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
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
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
  void aChangeBeyondTheLimitsIsRejectedWithTheServerValue() throws Exception {
    SharedObjects objects = new SharedObjects(settings(1, 10), "app", "inst");
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    objects.use("s", false, b, ObjectEncoding.AMF0, 0);

    objects.request(so, a, List.of(set("x", 1.0), set("y", 2.0)));

    // y would be a second slot: the sender is told the server has none (Remove), as FMS tells a
    // client whose change lost ("reject" in Flash's onSync); x went through.
    assertEquals(List.of(new Success("x"), new SharedObjectEvent.Remove("y")), a.last().events());
    assertEquals(List.of(new Change(List.of(new Property("x", 1.0)))), b.last().events());
    assertEquals(null, so.get("y"));

    objects.request(so, a, List.of(set("x", "z".repeat(100))));

    assertEquals(1.0, so.get("x"), "a value above maxValueSize is refused");
    assertEquals(List.of(new Change(List.of(new Property("x", 1.0)))), a.last().events());
    assertEquals(1, so.version());

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

  @Test
  void underALockScriptChangesWaitAndMarkSendsThemAsOneMessageWithItsHandler() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 10), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    int before = a.messages.size();

    assertEquals(1, so.lock());
    assertEquals(2, so.lock(), "locks nest: the lock count");
    so.set("name", "Stephen");
    so.set("city", "SF");
    so.set("gone", null);
    assertEquals(before, a.messages.size(), "nothing sent under the lock");
    assertTrue(so.mark("onAdrChange", List.of("name")));

    assertEquals(before + 1, a.messages.size());
    assertEquals(
        List.of(
            new Change(List.of(new Property("name", "Stephen"), new Property("city", "SF"))),
            new SendMessage("onAdrChange", List.of("name"))),
        a.last().events());
    so.set("account", 12345.0);
    assertEquals(1, so.unlock());
    assertEquals(before + 1, a.messages.size(), "still locked once");
    assertEquals(0, so.unlock());
    assertEquals(List.of(new Change(List.of(new Property("account", 12345.0)))), a.last().events());
  }

  @Test
  void purgeForgetsOlderDeletionsSoAnOlderClientIsResyncedInFull() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 10), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    so.set("p", 1.0); // version 1
    so.set("q", 1.0); // 2
    so.set("p", null); // 3
    so.set("q", null); // 4

    assertTrue(so.purge(4));

    Recorder atTwo = new Recorder();
    objects.use("s", false, atTwo, ObjectEncoding.AMF0, 2);
    assertEquals(List.of(new SharedObjectEvent.UseSuccess(), new Clear()), atTwo.events());
    Recorder atThree = new Recorder();
    objects.use("s", false, atThree, ObjectEncoding.AMF0, 3);
    assertEquals(
        List.of(new SharedObjectEvent.UseSuccess(), new SharedObjectEvent.Remove("q")),
        atThree.events(),
        "the deletion at version 4 is not older than 4: still remembered");
  }

  @Test
  void aClientMoreThanResyncDepthVersionsBehindGetsTheFullState() throws Exception {
    SharedObjects objects = new SharedObjects(settings(10, 2), "app", "inst");
    Recorder a = new Recorder();
    SharedObject so = objects.use("s", false, a, ObjectEncoding.AMF0, 0);
    for (int i = 1; i <= 4; i++) {
      so.set("k", (double) i);
    }

    Recorder behind = new Recorder();
    objects.use("s", false, behind, ObjectEncoding.AMF0, 1);
    Recorder close = new Recorder();
    objects.use("s", false, close, ObjectEncoding.AMF0, 2);

    assertInstanceOf(Clear.class, behind.events().get(1), "4 - 1 > resyncDepth 2");
    assertEquals(
        List.of(new SharedObjectEvent.UseSuccess(), new Change(List.of(new Property("k", 4.0)))),
        close.events());
  }
}
