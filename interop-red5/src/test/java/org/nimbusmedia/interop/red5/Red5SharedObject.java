package org.nimbusmedia.interop.red5;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.red5.server.api.IAttributeStore;
import org.red5.server.api.event.IEventListener;
import org.red5.server.api.so.IClientSharedObject;
import org.red5.server.api.so.ISharedObjectBase;
import org.red5.server.api.so.ISharedObjectListener;
import org.red5.server.net.rtmp.RTMPConnection;

/** A Red5 client shared object and what its listener heard. */
final class Red5SharedObject implements ISharedObjectListener {
  private final IClientSharedObject so;
  private final RTMPConnection connection;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();
  // Every update the listener heard, in order, as "key=value".
  private final List<String> heard = new ArrayList<>();

  private Red5SharedObject(IClientSharedObject so, RTMPConnection connection) {
    this.so = so;
    this.connection = connection;
  }

  static Red5SharedObject connect(IClientSharedObject so, RTMPConnection connection)
      throws Exception {
    Red5SharedObject listener = new Red5SharedObject(so, connection);
    so.addSharedObjectListener(listener);
    so.connect(connection);
    listener.synced.get(30, TimeUnit.SECONDS);
    return listener;
  }

  /**
   * Sets a slot. Red5's client shared object forgets its connection after the first sync and then
   * drops owner events ("No source connection") unless the write is wrapped in beginUpdate with the
   * connection as source and endUpdate.
   */
  void set(String slot, Object value) {
    so.beginUpdate((IEventListener) connection);
    try {
      so.setAttribute(slot, value);
    } finally {
      so.endUpdate();
    }
  }

  /** Waits until an update from the server gives {@code slot} the value {@code expected}. */
  synchronized void awaitUpdate(String slot, Object expected, Duration wait)
      throws InterruptedException {
    String wanted = slot + "=" + expected;
    long deadline = System.nanoTime() + wait.toNanos();
    while (!heard.contains(wanted)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Red5 never heard " + wanted + "; it heard " + heard);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private synchronized void heard(String key, Object value) {
    heard.add(key + "=" + value);
    notifyAll();
  }

  @Override
  public void onSharedObjectConnect(ISharedObjectBase base) {
    synced.complete(null);
  }

  @Override
  public void onSharedObjectDisconnect(ISharedObjectBase base) {}

  @Override
  public void onSharedObjectUpdate(ISharedObjectBase base, String key, Object value) {
    heard(key, value);
  }

  @Override
  public void onSharedObjectUpdate(ISharedObjectBase base, IAttributeStore values) {
    values.getAttributes().forEach(this::heard);
  }

  @Override
  public void onSharedObjectUpdate(ISharedObjectBase base, Map<String, Object> values) {
    values.forEach(this::heard);
  }

  @Override
  public void onSharedObjectDelete(ISharedObjectBase base, String key) {}

  @Override
  public void onSharedObjectClear(ISharedObjectBase base) {}

  @Override
  public void onSharedObjectSend(ISharedObjectBase base, String method, List<?> params) {}
}
