package org.nimbusmedia.rtmp.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Release;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Remove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestRemove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Use;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.UseSuccess;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;

/**
 * A remote shared object as Flash Player's {@code SharedObject.getRemote} keeps it (fms4.md section
 * 2): a local copy of the slots and the server's version, kept up to date from Change, Remove and
 * Clear events. Every received message is logged in order for tests; waits are bounded. The message
 * type follows the client's object encoding (0x13 for AMF0, 0x10 for AMF3).
 */
public final class ClientSharedObject {
  private final RtmpClient client;
  private final String name;
  private final boolean persistent;
  private final Map<String, Object> data = new LinkedHashMap<>();
  private final List<SharedObjectMessage> received = new ArrayList<>();
  private long version;
  private boolean connected;

  ClientSharedObject(RtmpClient client, String name, boolean persistent) {
    this.client = client;
    this.name = name;
    this.persistent = persistent;
  }

  public String name() {
    return name;
  }

  /** Sends Use (1) with the local version (0 the first time); see {@link #awaitConnected}. */
  public CompletableFuture<Void> connect() {
    return write(List.of(new Use()));
  }

  /** Sends RequestChange (3), or RequestRemove (10) for {@code null}. */
  public CompletableFuture<Void> setProperty(String slot, Object value) {
    return write(
        List.of(
            value == null
                ? new RequestRemove(slot)
                : new RequestChange(List.of(new Property(slot, value)))));
  }

  /** Sends several events in one message, e.g. a batch of changes. */
  public CompletableFuture<Void> write(List<SharedObjectEvent> events) {
    long local;
    synchronized (this) {
      local = version;
    }
    return client.write(
        SharedObjectMessage.of(client.config().objectEncoding(), name, local, persistent, events));
  }

  /** Sends SendMessage (6). */
  public CompletableFuture<Void> send(String handler, Object... arguments) {
    return write(List.of(new SendMessage(handler, Arrays.asList(arguments))));
  }

  /** Sends Release (2). */
  public CompletableFuture<Void> close() {
    synchronized (this) {
      connected = false;
    }
    return write(List.of(new Release()));
  }

  /** The local copy of the slots. */
  public synchronized Map<String, Object> data() {
    return new LinkedHashMap<>(data);
  }

  /** The version of the last message from the server. */
  public synchronized long version() {
    return version;
  }

  public synchronized boolean isConnected() {
    return connected;
  }

  /** Every message received for this object, in order. */
  public synchronized List<SharedObjectMessage> received() {
    return new ArrayList<>(received);
  }

  /** Every event received, in order. */
  public synchronized List<SharedObjectEvent> events() {
    List<SharedObjectEvent> all = new ArrayList<>();
    received.forEach(m -> all.addAll(m.events()));
    return all;
  }

  /** Waits for UseSuccess. */
  public void awaitConnected(Duration timeout) throws TimeoutException, InterruptedException {
    await(so -> so.connected, timeout, "UseSuccess");
  }

  /** Waits until the local slots satisfy {@code condition}. */
  public Map<String, Object> awaitData(Predicate<Map<String, Object>> condition, Duration timeout)
      throws TimeoutException, InterruptedException {
    await(so -> condition.test(so.data), timeout, "data condition on " + name);
    return data();
  }

  /** Waits until some received event satisfies {@code condition}, and returns it. */
  public SharedObjectEvent awaitEvent(Predicate<SharedObjectEvent> condition, Duration timeout)
      throws TimeoutException, InterruptedException {
    SharedObjectEvent[] found = new SharedObjectEvent[1];
    await(
        so -> {
          for (SharedObjectMessage m : so.received) {
            for (SharedObjectEvent e : m.events()) {
              if (condition.test(e)) {
                found[0] = e;
                return true;
              }
            }
          }
          return false;
        },
        timeout,
        "event on " + name);
    return found[0];
  }

  private synchronized void await(
      Predicate<ClientSharedObject> condition, Duration timeout, String what)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(this)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("no " + what + " within " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** A message from the server, on the event loop. */
  synchronized void onMessage(SharedObjectMessage message) {
    received.add(message);
    version = message.version();
    for (SharedObjectEvent event : message.events()) {
      if (event instanceof UseSuccess) {
        connected = true;
      } else if (event instanceof Clear) {
        data.clear();
      } else if (event instanceof Change change) {
        change.properties().forEach(p -> data.put(p.name(), p.value()));
      } else if (event instanceof Remove remove) {
        data.remove(remove.name());
      }
    }
    notifyAll();
  }
}
