package org.nimbusmedia.server.so;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.server.app.InstancePathPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared objects of one application instance. An object is in memory while a client or a script
 * holds it; when the last one lets go it leaves memory (a persistent object stays on disk and is
 * loaded again on its next use). Locks: this registry's, then an object's, never the other way
 * round.
 */
public final class SharedObjects {
  private static final Logger log = LoggerFactory.getLogger(SharedObjects.class);

  /** Status codes of fms4.md section 1.10. */
  public static final String BAD_PERSISTENCE = "SharedObject.BadPersistence";

  public static final String CREATION_FAILED = "SharedObject.ObjectCreationFailed";

  private final SharedObjectSettings settings;
  private final SharedObjectStore store;
  private final Map<String, SharedObject> objects = new HashMap<>();
  private final Executor work;

  /**
   * @param settings limits and storage root
   * @param application application name, the first storage folder level
   * @param instance instance name, the second level
   */
  public SharedObjects(SharedObjectSettings settings, String application, String instance) {
    this(settings, application, instance, Runnable::run);
  }

  /**
   * @param work where client messages are handled, one after the other ({@link #execute})
   */
  public SharedObjects(
      SharedObjectSettings settings, String application, String instance, Executor work) {
    this.settings = settings;
    this.work = work;
    Path root = settings.storage();
    this.store =
        root == null
            ? null
            : new SharedObjectStore(root.resolve(application).resolve(instance), AmfLimits.DEFAULT);
  }

  public SharedObjectSettings settings() {
    return settings;
  }

  /**
   * Runs {@code task} after the tasks given before it, off the I/O threads: a persistent object's
   * change waits for its write and fsync (fms4.md section 1.5), which must not hold up an event
   * loop's other connections.
   */
  public void execute(Runnable task) {
    work.execute(task);
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

  /**
   * SSAS {@code SharedObject.commit([name])}: stores the named object, or every object in memory,
   * that has changes not stored yet (with {@code autoCommit} off).
   *
   * @return false when a write failed
   */
  public synchronized boolean commit(String name) {
    boolean stored = true;
    for (SharedObject object : objects.values()) {
      if ((name == null || object.name().equals(name)) && object.dirty()) {
        stored &= object.flush();
      }
    }
    return stored;
  }

  /**
   * SSAS {@code application.clearSharedObjects(soPath)} (fms4.md section 1.2): clears the objects
   * in memory and deletes the stored files that {@code path} names. {@code "/"} names every object,
   * {@code "/a/*"} every object under {@code a}, anything else one object, where {@code ?} stands
   * for any one character.
   *
   * @return true when the path named at least one object and every one was cleared and deleted
   */
  public synchronized boolean clear(String path) {
    Predicate<String> named = InstancePathPattern.matcher(path);
    if (named == null) {
      return false;
    }
    boolean found = false;
    boolean cleared = true;
    for (SharedObject object : List.copyOf(objects.values())) {
      if (named.test(object.name())) {
        found = true;
        cleared &= object.clear();
      }
    }
    if (store != null) {
      try {
        for (String stored : store.names()) {
          if (named.test(stored)) {
            found = true;
            store.delete(stored);
          }
        }
      } catch (IOException e) {
        log.error("clearSharedObjects({}) could not delete every file: {}", path, e.toString());
        cleared = false;
      }
    }
    return found && cleared;
  }

  private void forgetIfUnused(SharedObject object) {
    if (object.unused()) {
      // With autoCommit off, leaving memory is when FMS stores the object (fms4.md section 1.5).
      if (object.dirty() && !object.flush()) {
        log.error(
            "Shared object {} left memory with changes that could not be stored", object.name());
      }
      objects.remove(object.name(), object);
    }
  }
}
