package org.nimbusmedia.server.so;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * one order; delivery only hands messages to each subscriber's event loop. A persistent object is
 * written to its store before anyone hears of a change.
 */
public final class SharedObject {
  private static final Logger log = LoggerFactory.getLogger(SharedObject.class);

  /** Sent when a client update breaks a configured limit (a Nimbus code: FMS documents none). */
  public static final String LIMIT_EXCEEDED = "SharedObject.LimitExceeded";

  private final String name;
  private final boolean persistent;
  private final SharedObjectSettings settings;
  private final SharedObjectStore store;
  private final Map<String, Object> slots = new LinkedHashMap<>();
  private final Map<String, Long> slotVersions = new LinkedHashMap<>();
  // Deleted slots, oldest first: what a returning client must remove (ResyncDepth, fms4.md 2).
  private final LinkedHashMap<String, Long> deleted = new LinkedHashMap<>();
  private final Map<SharedObjectSubscriber, ObjectEncoding> subscribers = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long version;
  // A client at a version below this one cannot be resynced incrementally.
  private long historyFloor;
  private int scriptHandles;
  private boolean locked;

  private record Held(SharedObjectSubscriber from, List<SharedObjectEvent> events) {}

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
   * unknown or older than the kept history, Clear and the full state (fms4.md section 2).
   */
  synchronized void use(
      SharedObjectSubscriber subscriber, ObjectEncoding encoding, long clientVersion) {
    subscribers.put(subscriber, encoding);
    List<SharedObjectEvent> events = new ArrayList<>();
    events.add(new UseSuccess());
    if (clientVersion == 0 || clientVersion < historyFloor || clientVersion > version) {
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
   * holds the lock the batch waits for unlock.
   */
  synchronized void request(SharedObjectSubscriber from, List<SharedObjectEvent> events) {
    if (locked) {
      if (held.size() >= settings.maxLockedUpdates()) {
        status(from, LIMIT_EXCEEDED);
        return;
      }
      held.add(new Held(from, List.copyOf(events)));
      return;
    }
    apply(from, events);
  }

  private void apply(SharedObjectSubscriber from, List<SharedObjectEvent> events) {
    Map<String, Object> changed = new LinkedHashMap<>();
    Set<String> removed = new LinkedHashSet<>();
    List<Map<String, Object>> sync = new ArrayList<>();
    boolean refused = false;
    long next = version + 1;
    for (SharedObjectEvent event : events) {
      if (event instanceof RequestChange change) {
        for (Property p : change.properties()) {
          if (!slots.containsKey(p.name()) && slots.size() >= settings.maxProperties()) {
            refused = true;
          } else if (encodedSize(p.value()) > settings.maxValueSize()) {
            refused = true;
          } else {
            Object old = slots.put(p.name(), p.value());
            slotVersions.put(p.name(), next);
            deleted.remove(p.name());
            removed.remove(p.name());
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
        sync.add(AmfObject.of("code", "delete", "name", remove.name(), "oldValue", old));
      }
    }
    if (refused) {
      status(from, LIMIT_EXCEEDED);
    }
    if (changed.isEmpty() && removed.isEmpty()) {
      return;
    }
    version = next;
    persist();
    for (Map.Entry<SharedObjectSubscriber, ObjectEncoding> s : subscribers.entrySet()) {
      List<SharedObjectEvent> out = new ArrayList<>();
      if (s.getKey() == from) {
        changed.keySet().forEach(k -> out.add(new Success(k)));
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

  private void remember(String slot, long at) {
    deleted.remove(slot);
    deleted.put(slot, at);
    while (deleted.size() > settings.resyncDepth()) {
      Iterator<Map.Entry<String, Long>> oldest = deleted.entrySet().iterator();
      historyFloor = Math.max(historyFloor, oldest.next().getValue());
      oldest.remove();
    }
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
   * A server-side change: always succeeds, clients get Change or Remove, the script hears nothing
   * back (fms4.md section 1.5).
   */
  public synchronized void set(String slot, Object value) {
    long next = version + 1;
    List<SharedObjectEvent> out = new ArrayList<>();
    if (value == null) {
      if (slots.remove(slot) == null && !slotVersions.containsKey(slot)) {
        return;
      }
      slotVersions.remove(slot);
      remember(slot, next);
      out.add(new Remove(slot));
    } else {
      slots.put(slot, value);
      slotVersions.put(slot, next);
      deleted.remove(slot);
      out.add(new Change(List.of(new Property(slot, value))));
    }
    version = next;
    persist();
    subscribers.forEach((s, encoding) -> s.deliver(message(encoding, out)));
  }

  /** Removes every slot and sends Clear. */
  public synchronized void clear() {
    long next = version + 1;
    for (String slot : slots.keySet()) {
      remember(slot, next);
    }
    slots.clear();
    slotVersions.clear();
    version = next;
    // A client behind this point must start from nothing.
    historyFloor = next;
    persist();
    subscribers.forEach((s, encoding) -> s.deliver(message(encoding, List.of(new Clear()))));
  }

  public synchronized void lock() {
    locked = true;
  }

  /** Ends a script lock and applies the client updates held meanwhile, in order. */
  public synchronized void unlock() {
    locked = false;
    Held h;
    while ((h = held.poll()) != null) {
      if (subscribers.containsKey(h.from())) {
        apply(h.from(), h.events());
      }
    }
  }

  /** Writes a persistent object now; true when it is on disk (or there is nothing to write). */
  public synchronized boolean flush() {
    return persist();
  }

  private boolean persist() {
    if (!persistent || store == null) {
      return true;
    }
    try {
      store.write(name, version, slots);
      return true;
    } catch (IOException e) {
      log.error("Cannot store shared object {}: {}", name, e.toString());
      return false;
    }
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
