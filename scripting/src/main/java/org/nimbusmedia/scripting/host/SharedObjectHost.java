package org.nimbusmedia.scripting.host;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Remote shared objects of one instance, as the server-side {@code SharedObject} sees them. */
public interface SharedObjectHost {

  /** {@code SharedObject.get(name, persistent)}: gets or creates the shared object. */
  SharedObjectHandle get(String name, boolean persistent);

  /** {@code application.clearSharedObjects(path)}; true on success. */
  boolean clear(String path);

  /** One shared object; values are AMF values. */
  interface SharedObjectHandle {

    String name();

    Object getProperty(String name);

    /** {@code null} deletes the slot. A server-side change always succeeds. */
    void setProperty(String name, Object value);

    Set<String> propertyNames();

    int version();

    /** Removes every slot. */
    boolean clear();

    /** {@code send(handler, args...)} to every subscriber. */
    boolean send(String handler, List<Object> args);

    /** Writes a persistent shared object to storage. */
    boolean flush();

    void lock();

    void unlock();

    /** The script no longer uses this handle. */
    void close();

    /**
     * Receives what clients do to this shared object while the script holds it; the engine sets it
     * once, right after {@link SharedObjectHost#get}. Called from any thread.
     */
    void setListener(Listener listener);
  }

  /** Client activity on a shared object, delivered to the script. */
  interface Listener {

    /**
     * Slots changed by clients: {@code onSync(list)} with one information object per slot, {@code
     * {code: "change" | "delete", name, oldValue}} (FMS 4 SSASLR, SharedObject.onSync).
     */
    void onSync(List<Map<String, Object>> changes);

    /** A client's {@code so.send(handler, args...)}: runs the script's {@code so[handler]}. */
    void onSend(String handler, List<Object> args);
  }
}
