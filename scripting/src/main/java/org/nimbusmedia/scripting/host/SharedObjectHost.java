package org.nimbusmedia.scripting.host;

import java.util.List;
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
  }
}
