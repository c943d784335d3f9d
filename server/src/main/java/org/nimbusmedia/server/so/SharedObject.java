package org.nimbusmedia.server.so;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Remove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestRemove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.UseSuccess;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;
import org.nimbusmedia.scripting.host.SharedObjectHost.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote shared object (fms4.md section 2, "server behaviour"): versioned slots, subscribers
 * and the script's listeners. Every method holds the object's lock, so updates apply and fan out in
 * one order; delivery only hands messages to each subscriber's event loop. With {@code autoCommit}
 * on (the FMS default) a persistent object is written to its store before anyone hears of a change;
 * a change that cannot be written is undone.
 */
public final class SharedObject {
  private static final Logger log = LoggerFactory.getLogger(SharedObject.class);

  /**
   * Sent to a client whose change to a persistent object could not be stored (fms4.md section 1.10:
   * a Status (7) event). The change is undone and the client gets the slots' values back.
   */
  public static final String FLUSH_FAILED = "SharedObject.Flush.Failed";

  // Marks a slot the script deleted while its changes wait for unlock or mark.
  private static final Object DELETED = new Object();

  private final String name;
  private final boolean persistent;
  private final SharedObjectSettings settings;
  private final SharedObjectStore store;
  private Map<String, Object> slots = new LinkedHashMap<>();
  private Map<String, Long> slotVersions = new LinkedHashMap<>();
  // Deleted slots, oldest first: what a returning client must remove (ResyncDepth, fms4.md 2).
  private LinkedHashMap<String, Long> deleted = new LinkedHashMap<>();
  private final Map<SharedObjectSubscriber, ObjectEncoding> subscribers = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  // Script changes made under lock(), sent as one message by unlock() or mark() (SSAS mark()).
  private final Map<String, Object> scriptChanges = new LinkedHashMap<>();
  private long version;
  // A client at a version below this one cannot be resynced incrementally.
  private long historyFloor;
  private int scriptHandles;
  private int locks;
  private boolean autoCommit = true;
  private boolean dirty;

  private record Held(SharedObjectSubscriber from, List<SharedObjectEvent> events) {}

  /** The state a failed write goes back to. */
  private record Snapshot(
      Map<String, Object> slots,
      Map<String, Long> slotVersions,
      LinkedHashMap<String, Long> deleted,
      long version,
      long historyFloor) {}

  SharedObject(
      String name,
      boolean persistent,
      SharedObjectSettings settings,
      SharedObjectStore store,
      SharedObjectStore.Stored stored) {
    this.name = name;
    this.persistent = persistent;
    this.settings = settings;
    this.store = store;
    if (stored != null) {
      version = stored.version();
      historyFloor = version;
      stored
          .properties()
          .forEach(
              (k, v) -> {
                slots.put(k, v);
                slotVersions.put(k, stored.version());
              });
    }
  }

  public String name() {
    return name;
  }

  public boolean persistent() {
    return persistent;
  }

  public synchronized long version() {
    return version;
  }

  /** Clients subscribed now. */
  public synchronized int subscriberCount() {
    return subscribers.size();
  }

  /** Slots set now. */
  public synchronized int slotCount() {
    return slots.size();
  }

  synchronized boolean unused() {
    return subscribers.isEmpty() && scriptHandles == 0;
  }

  synchronized void scriptHandleOpened() {
    scriptHandles++;
  }

  synchronized void scriptHandleClosed() {
    scriptHandles = Math.max(0, scriptHandles - 1);
  }

  void addListener(Listener listener) {
    listeners.add(listener);
  }

  void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /**
   * Use (1): UseSuccess, then either what changed since {@code clientVersion} or, when that is 0,
   * unknown, older than the kept history or more than {@code resyncDepth} versions behind, Clear
   * and the full state (fms4.md section 2; SSAS {@code resyncDepth}).
   */
  synchronized void use(
      SharedObjectSubscriber subscriber, ObjectEncoding encoding, long clientVersion) {
    subscribers.put(subscriber, encoding);
    List<SharedObjectEvent> events = new ArrayList<>();
    events.add(new UseSuccess());
    if (clientVersion == 0
        || clientVersion < historyFloor
        || clientVersion > version
        || version - clientVersion > settings.resyncDepth()) {
      events.add(new Clear());
      if (!slots.isEmpty()) {
        events.add(new Change(properties(slots.keySet())));
      }
    } else {
      List<String> changed = new ArrayList<>();
      slotVersions.forEach(
          (k, v) -> {
            if (v > clientVersion) {
              changed.add(k);
            }
          });
      if (!changed.isEmpty()) {
        events.add(new Change(properties(changed)));
      }
      deleted.forEach(
          (k, v) -> {
            if (v > clientVersion) {
              events.add(new Remove(k));
            }
          });
    }
    subscriber.deliver(message(encoding, events));
  }

  /** Release (2), or the subscriber's connection closed. */
  synchronized void release(SharedObjectSubscriber subscriber) {
    subscribers.remove(subscriber);
  }

  synchronized boolean subscribed(SharedObjectSubscriber subscriber) {
    return subscribers.containsKey(subscriber);
  }

  /** A status event for one subscriber, e.g. a refusal (fms4.md 1.10). */
  synchronized void status(SharedObjectSubscriber subscriber, String code) {
    ObjectEncoding encoding = subscribers.getOrDefault(subscriber, ObjectEncoding.AMF0);
    subscriber.deliver(message(encoding, List.of(new Status(code, "error"))));
  }

  /**
   * A batch of RequestChange (3) and RequestRemove (10) events from one client. While a script
   * holds the lock the batch waits for unlock; when too many batches wait, this one is refused.
   */
  synchronized void request(SharedObjectSubscriber from, List<SharedObjectEvent> events) {
    if (locks > 0) {
      if (held.size() >= settings.maxLockedUpdates()) {
        deliverTo(from, rejections(requestedSlots(events)));
        return;
      }
      held.add(new Held(from, List.copyOf(events)));
      return;
    }
    apply(from, events);
  }

  private void apply(SharedObjectSubscriber from, List<SharedObjectEvent> events) {
    Snapshot before = snapshot();
    Map<String, Object> changed = new LinkedHashMap<>();
    Set<String> removed = new LinkedHashSet<>();
    Set<String> refused = new LinkedHashSet<>();
    List<Map<String, Object>> sync = new ArrayList<>();
    long next = version + 1;
    for (SharedObjectEvent event : events) {
      if (event instanceof RequestChange change) {
        for (Property p : change.properties()) {
          if ((!slots.containsKey(p.name()) && slots.size() >= settings.maxProperties())
              || encodedSize(p.value()) > settings.maxValueSize()) {
            refused.add(p.name());
          } else {
            Object old = slots.put(p.name(), p.value());
            slotVersions.put(p.name(), next);
            deleted.remove(p.name());
            removed.remove(p.name());
            refused.remove(p.name());
            changed.put(p.name(), p.value());
            sync.add(AmfObject.of("code", "change", "name", p.name(), "oldValue", old));
          }
        }
      } else if (event instanceof RequestRemove remove && slots.containsKey(remove.name())) {
        Object old = slots.remove(remove.name());
        slotVersions.remove(remove.name());
        remember(remove.name(), next);
        changed.remove(remove.name());
        removed.add(remove.name());
        refused.remove(remove.name());
        sync.add(AmfObject.of("code", "delete", "name", remove.name(), "oldValue", old));
      }
    }
    if (changed.isEmpty() && removed.isEmpty()) {
      deliverTo(from, rejections(refused));
      return;
    }
    version = next;
    pruneHistory();
    if (!stored(before)) {
      List<SharedObjectEvent> out = new ArrayList<>();
      out.add(new Status(FLUSH_FAILED, "error"));
      out.addAll(rejections(requestedSlots(events)));
      deliverTo(from, out);
      return;
    }
    for (Map.Entry<SharedObjectSubscriber, ObjectEncoding> s : subscribers.entrySet()) {
      List<SharedObjectEvent> out = new ArrayList<>();
      if (s.getKey() == from) {
        changed.keySet().forEach(k -> out.add(new Success(k)));
        out.addAll(rejections(refused));
      } else if (!changed.isEmpty()) {
        out.add(new Change(properties(changed.keySet())));
      }
      removed.forEach(k -> out.add(new Remove(k)));
      s.getKey().deliver(message(s.getValue(), out));
    }
    for (Listener listener : listeners) {
      listener.onSync(sync);
    }
  }

  /**
   * What a client hears for slot changes it asked for and did not get: the slot's server value as
   * Change (4), or Remove (9) when the server has no such slot. Flash Player reports a Change for a
   * slot it is changing as onSync code "reject" and takes the server's value, the documented answer
   * to a refused change (FCS/FMS client reference, SharedObject.onSync). FMS documents no status
   * code for its MaxProperties and MaxPropertySize limits, so they answer the same way.
   */
  private List<SharedObjectEvent> rejections(Collection<String> refused) {
    List<SharedObjectEvent> out = new ArrayList<>();
    for (String slot : refused) {
      out.add(
          slots.containsKey(slot)
              ? new Change(List.of(new Property(slot, slots.get(slot))))
              : new Remove(slot));
    }
    return out;
  }

  private static Set<String> requestedSlots(List<SharedObjectEvent> events) {
    Set<String> names = new LinkedHashSet<>();
    for (SharedObjectEvent event : events) {
      if (event instanceof RequestChange change) {
        change.properties().forEach(p -> names.add(p.name()));
      } else if (event instanceof RequestRemove remove) {
        names.add(remove.name());
      }
    }
    return names;
  }

  private void deliverTo(SharedObjectSubscriber subscriber, List<SharedObjectEvent> events) {
    ObjectEncoding encoding = subscribers.get(subscriber);
    if (!events.isEmpty() && encoding != null) {
      subscriber.deliver(message(encoding, events));
    }
  }

  private void remember(String slot, long at) {
    deleted.remove(slot);
    deleted.put(slot, at);
    // The count bound keeps memory finite whatever resyncDepth says.
    while (deleted.size() > settings.resyncDepth()) {
      forgetOldestDeletion();
    }
  }

  /** SSAS resyncDepth: a deletion more than resyncDepth versions old is forgotten. */
  private void pruneHistory() {
    while (!deleted.isEmpty()
        && version - deleted.values().iterator().next() > settings.resyncDepth()) {
      forgetOldestDeletion();
    }
  }

  private void forgetOldestDeletion() {
    Iterator<Map.Entry<String, Long>> oldest = deleted.entrySet().iterator();
    historyFloor = Math.max(historyFloor, oldest.next().getValue());
    oldest.remove();
  }

  /** SendMessage (6): to every subscriber and, when a client sent it, to the script's handlers. */
  synchronized void send(String handler, List<Object> arguments, boolean toScript) {
    for (Map.Entry<SharedObjectSubscriber, ObjectEncoding> s : subscribers.entrySet()) {
      s.getKey().deliver(message(s.getValue(), List.of(new SendMessage(handler, arguments))));
    }
    if (toScript) {
      for (Listener listener : listeners) {
        listener.onSend(handler, arguments);
      }
    }
  }

  // The script's side (fms4.md section 1.5).

  public synchronized Object get(String slot) {
    return slots.get(slot);
  }

  public synchronized Set<String> names() {
    return new LinkedHashSet<>(slots.keySet());
  }

  /**
   * A server-side change: clients get Change or Remove, the script hears nothing back (fms4.md
   * section 1.5). It fails only when a persistent object cannot store it; then nothing changed.
   * Under {@link #lock} clients hear of it at {@link #unlock} or {@link #mark}.
   *
   * @return false when the change could not be stored
   */
  public synchronized boolean set(String slot, Object value) {
    Snapshot before = snapshot();
    long next = version + 1;
    if (value == null) {
      boolean existed = slots.containsKey(slot);
      slots.remove(slot);
      if (!existed) {
        return true;
      }
      slotVersions.remove(slot);
      remember(slot, next);
    } else {
      slots.put(slot, value);
      slotVersions.put(slot, next);
      deleted.remove(slot);
    }
    version = next;
    pruneHistory();
    if (!stored(before)) {
      return false;
    }
    scriptChanges.put(slot, value == null ? DELETED : value);
    if (locks == 0) {
      deliverScriptChanges(null);
    }
    return true;
  }

  /** Sends the script's pending changes, then {@code marker} if any, as one message each. */
  private void deliverScriptChanges(SendMessage marker) {
    List<SharedObjectEvent> out = new ArrayList<>();
    List<Property> changes = new ArrayList<>();
    scriptChanges.forEach(
        (slot, value) -> {
          if (value == DELETED) {
            out.add(new Remove(slot));
          } else {
            changes.add(new Property(slot, value));
          }
        });
    if (!changes.isEmpty()) {
      out.add(0, new Change(changes));
    }
    scriptChanges.clear();
    if (marker != null) {
      out.add(marker);
    }
    if (!out.isEmpty()) {
      subscribers.forEach((s, encoding) -> s.deliver(message(encoding, out)));
    }
  }

  /**
   * SSAS {@code mark(handler, args...)}: every change the script made so far reaches each client in
   * one message, which ends with {@code handler(args...)}, so the handler runs once they all apply.
   */
  public synchronized boolean mark(String handler, List<Object> arguments) {
    deliverScriptChanges(new SendMessage(handler, arguments));
    return true;
  }

  /**
   * Removes every slot and sends Clear.
   *
   * @return false when a persistent object could not store it; then nothing changed
   */
  public synchronized boolean clear() {
    Snapshot before = snapshot();
    long next = version + 1;
    for (String slot : slots.keySet()) {
      remember(slot, next);
    }
    slots.clear();
    slotVersions.clear();
    version = next;
    // A client behind this point must start from nothing.
    historyFloor = next;
    if (!stored(before)) {
      return false;
    }
    scriptChanges.clear();
    subscribers.forEach((s, encoding) -> s.deliver(message(encoding, List.of(new Clear()))));
    return true;
  }

  /**
   * SSAS {@code purge(version)}: forgets the deletions older than {@code olderThan}; a client
   * behind them gets the full state on its next use.
   */
  public synchronized boolean purge(long olderThan) {
    while (!deleted.isEmpty() && deleted.values().iterator().next() < olderThan) {
      forgetOldestDeletion();
    }
    return true;
  }

  /** Holds client updates until as many {@link #unlock} calls; returns the lock count. */
  public synchronized int lock() {
    return ++locks;
  }

  /**
   * Ends one script lock. The last one sends the script's changes made under the lock and applies
   * the client updates held meanwhile, in order. Returns the remaining lock count.
   */
  public synchronized int unlock() {
    if (locks == 0) {
      return 0;
    }
    if (--locks > 0) {
      return locks;
    }
    deliverScriptChanges(null);
    Held h;
    while (locks == 0 && (h = held.poll()) != null) {
      if (subscribers.containsKey(h.from())) {
        apply(h.from(), h.events());
      }
    }
    return locks;
  }

  /**
   * SSAS {@code autoCommit}: true (the FMS default) stores a persistent object at each change;
   * false keeps changes in memory until {@link #flush}, {@code SharedObject.commit} or the object
   * leaves memory.
   */
  public synchronized boolean autoCommit() {
    return autoCommit;
  }

  public synchronized void autoCommit(boolean value) {
    autoCommit = value;
  }

  /** SSAS {@code isDirty}: a persistent object has changes not stored yet. */
  public synchronized boolean dirty() {
    return dirty;
  }

  /**
   * Writes a persistent object now; true when it is on disk (or there is nothing to write). A
   * failed write keeps the changes in memory, still dirty.
   */
  public synchronized boolean flush() {
    if (!persistent || store == null) {
      dirty = false;
      return true;
    }
    try {
      store.write(name, version, slots);
      dirty = false;
      return true;
    } catch (IOException e) {
      log.error("Cannot store shared object {}: {}", name, e.toString());
      return false;
    }
  }

  /** The state before a change, when the change must be stored at once; else null. */
  private Snapshot snapshot() {
    if (!persistent || store == null || !autoCommit) {
      return null;
    }
    return new Snapshot(
        new LinkedHashMap<>(slots),
        new LinkedHashMap<>(slotVersions),
        new LinkedHashMap<>(deleted),
        version,
        historyFloor);
  }

  /**
   * Stores a change made since {@code before}; when the write fails the object goes back to {@code
   * before} and this returns false. Without a snapshot the change only makes a persistent object
   * dirty.
   */
  private boolean stored(Snapshot before) {
    if (before == null) {
      dirty = persistent && store != null;
      return true;
    }
    if (flush()) {
      return true;
    }
    slots = before.slots();
    slotVersions = before.slotVersions();
    deleted = before.deleted();
    version = before.version();
    historyFloor = before.historyFloor();
    return false;
  }

  private List<Property> properties(Iterable<String> names) {
    List<Property> out = new ArrayList<>();
    for (String n : names) {
      out.add(new Property(n, slots.get(n)));
    }
    return out;
  }

  private SharedObjectMessage message(ObjectEncoding encoding, List<SharedObjectEvent> events) {
    return SharedObjectMessage.of(encoding, name, version, persistent, events);
  }

  private static int encodedSize(Object value) {
    ByteBuf buffer = Unpooled.buffer();
    try {
      new Amf0Encoder().encode(value, buffer);
      return buffer.readableBytes();
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    } finally {
      buffer.release();
    }
  }
}
