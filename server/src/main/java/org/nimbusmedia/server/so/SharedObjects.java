package org.nimbusmedia.server.so;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;

/**
 * The shared objects of one application instance. An object is in memory while a client or a script
 * holds it; when the last one lets go it leaves memory (a persistent object stays on disk and is
 * loaded again on its next use). Locks: this registry's, then an object's, never the other way
 * round.
 */
public final class SharedObjects {
  /** Status codes of fms4.md section 1.10. */
  public static final String BAD_PERSISTENCE = "SharedObject.BadPersistence";

  public static final String CREATION_FAILED = "SharedObject.ObjectCreationFailed";

  private final SharedObjectSettings settings;
  private final SharedObjectStore store;
  private final Map<String, SharedObject> objects = new HashMap<>();

  /**
   * @param settings limits and storage root
   * @param application application name, the first storage folder level
   * @param instance instance name, the second level
   */
  public SharedObjects(SharedObjectSettings settings, String application, String instance) {
    this.settings = settings;
    Path root = settings.storage();
    this.store =
        root == null
            ? null
            : new SharedObjectStore(root.resolve(application).resolve(instance), AmfLimits.DEFAULT);
  }

  public SharedObjectSettings settings() {
    return settings;
  }

  private SharedObject acquire(String name, boolean persistent) throws SharedObjectException {
    if (!SharedObjectStore.validName(name)) {
      throw new SharedObjectException(CREATION_FAILED, "bad name " + name);
    }
    SharedObject object = objects.get(name);
    if (object == null) {
      if (objects.size() >= settings.maxObjects()) {
        throw new SharedObjectException(CREATION_FAILED, "more than " + settings.maxObjects());
      }
      SharedObjectStore.Stored stored = persistent && store != null ? store.load(name) : null;
      object = new SharedObject(name, persistent, settings, store, stored);
      objects.put(name, object);
    } else if (object.persistent() != persistent) {
      throw new SharedObjectException(BAD_PERSISTENCE, name);
    }
    return object;
  }

  /** A client's Use (1); a refusal comes back as the status code to send. */
  public synchronized SharedObject use(
      String name,
      boolean persistent,
      SharedObjectSubscriber subscriber,
      ObjectEncoding encoding,
      long clientVersion)
      throws SharedObjectException {
    SharedObject object = acquire(name, persistent);
    object.use(subscriber, encoding, clientVersion);
    return object;
  }

  /** A client's Release (2) or its connection closed. */
  public synchronized void release(SharedObject object, SharedObjectSubscriber subscriber) {
    object.release(subscriber);
    forgetIfUnused(object);
  }

  /** A batch of client changes, applied when the client subscribes to the object. */
  public void request(
      SharedObject object, SharedObjectSubscriber from, List<SharedObjectEvent> events) {
    object.request(from, events);
  }

  /** A client's SendMessage (6): to every subscriber and the script's handlers. */
  public void send(SharedObject object, String handler, List<Object> arguments) {
    object.send(handler, arguments, true);
  }

  /** {@code SharedObject.get} from a script. */
  public synchronized SharedObject open(String name, boolean persistent)
      throws SharedObjectException {
    SharedObject object = acquire(name, persistent);
    object.scriptHandleOpened();
    return object;
  }

  /** The script's {@code close()}. */
  public synchronized void close(SharedObject object) {
    object.scriptHandleClosed();
    forgetIfUnused(object);
  }

  /** The object named {@code name} when it is in memory. */
  public synchronized SharedObject find(String name) {
    return objects.get(name);
  }

  public synchronized int size() {
    return objects.size();
  }

  /** The objects in memory now, by name (the admin API's {@code getSharedObjects}). */
  public synchronized List<SharedObject> inMemory() {
    return objects.values().stream().sorted(Comparator.comparing(SharedObject::name)).toList();
  }

  private void forgetIfUnused(SharedObject object) {
    if (object.unused()) {
      objects.remove(object.name(), object);
    }
  }
}
