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

  /**
   * {@code SharedObject.commit([name])}: stores the named persistent object, or every one, that has
   * changes not stored yet; {@code null} names every object. False when a write failed.
   */
  boolean commit(String name);

  /** One shared object; values are AMF values. */
  interface SharedObjectHandle {

    String name();

    Object getProperty(String name);

    /**
     * {@code null} deletes the slot. A server-side change always succeeds, unless a persistent
     * object cannot store it: then nothing changes and this returns false.
     */
    boolean setProperty(String name, Object value);

    Set<String> propertyNames();

    int version();

    /** Removes every slot. */
    boolean clear();

    /** {@code send(handler, args...)} to every subscriber. */
    boolean send(String handler, List<Object> args);

    /** Writes a persistent shared object to storage. */
    boolean flush();

    /** Holds client updates; returns the lock count. */
    int lock();

    /** Ends one lock; returns the lock count left. */
    int unlock();

    /**
     * {@code mark(handler, args...)}: the changes made so far reach every client as one message
     * that ends with a call of {@code handler}.
     */
    boolean mark(String handler, List<Object> args);

    /** {@code purge(version)}: forgets deleted slots older than {@code version}. */
    boolean purge(long version);

    /** {@code autoCommit}: whether each change of a persistent object is stored at once. */
    boolean autoCommit();

    void setAutoCommit(boolean autoCommit);

    /** {@code isDirty}: a persistent object has changes not stored yet. */
    boolean isDirty();

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
