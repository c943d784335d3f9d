package org.nimbusmedia.scripting.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.ConnectDecision;
import org.nimbusmedia.scripting.host.ClientHandle;

/**
 * The clients of one instance: connects waiting for a decision and accepted clients, which also
 * make up {@code application.clients}. Changed on the script thread only; {@link #find} may be
 * called from any thread.
 */
public final class ConnectionTable {

  private final Map<ClientObject, CompletableFuture<ConnectDecision>> pending =
      new IdentityHashMap<>();
  private final Map<ClientHandle, ClientObject> accepted = new ConcurrentHashMap<>();
  private final Scriptable clientsArray;

  public ConnectionTable(Context cx, Scriptable scope) {
    this.clientsArray = cx.newArray(scope, 0);
  }

  /** {@code application.clients}: accepted clients in the order they were accepted. */
  public Scriptable clientsArray() {
    return clientsArray;
  }

  public void addPending(ClientObject client, CompletableFuture<ConnectDecision> decision) {
    pending.put(client, decision);
  }

  public boolean isPending(Object client) {
    return client instanceof ClientObject c && pending.containsKey(c);
  }

  /** Accepts a pending client; false if it was not pending. */
  public boolean accept(Object client) {
    if (!(client instanceof ClientObject c) || !pending.containsKey(c)) {
      return false;
    }
    CompletableFuture<ConnectDecision> decision = pending.remove(c);
    accepted.put(c.handle(), c);
    long length = ((Number) ScriptableObject.getProperty(clientsArray, "length")).longValue();
    clientsArray.put((int) length, clientsArray, c);
    decision.complete(new ConnectDecision.Accept());
    return true;
  }

  /** Rejects or redirects a pending client; false if it was not pending. */
  public boolean decideAgainst(Object client, ConnectDecision decision) {
    if (!(client instanceof ClientObject c) || !pending.containsKey(c)) {
      return false;
    }
    pending.remove(c).complete(decision);
    return true;
  }

  /** The accepted client of a connection, or null. Any thread. */
  public ClientObject find(ClientHandle handle) {
    return accepted.get(handle);
  }

  /**
   * Forgets a connection. A pending decision is cancelled; an accepted client is removed from
   * {@code application.clients} and returned, so that {@code onDisconnect} can run.
   */
  public ClientObject remove(ClientHandle handle) {
    pending
        .entrySet()
        .removeIf(
            e -> {
              if (e.getKey().handle().equals(handle)) {
                e.getValue().cancel(false);
                return true;
              }
              return false;
            });
    ClientObject client = accepted.remove(handle);
    if (client != null) {
      List<Object> remaining = new ArrayList<>();
      for (Object id : clientsArray.getIds()) {
        Object value = clientsArray.get((Integer) id, clientsArray);
        if (value != client) {
          remaining.add(value);
        }
      }
      ScriptableObject.putProperty(clientsArray, "length", 0);
      for (int i = 0; i < remaining.size(); i++) {
        clientsArray.put(i, clientsArray, remaining.get(i));
      }
    }
    return client;
  }

  public List<ClientObject> acceptedClients() {
    List<ClientObject> result = new ArrayList<>();
    for (Object id : clientsArray.getIds()) {
      if (id instanceof Integer index
          && clientsArray.get(index, clientsArray) instanceof ClientObject client
          && accepted.containsKey(client.handle())) {
        result.add(client);
      }
    }
    return result;
  }

  /** Decides every pending connect with {@code decision}, e.g. when the instance unloads. */
  public void decideAllPending(ConnectDecision decision) {
    pending.values().forEach(d -> d.complete(decision));
    pending.clear();
  }
}
