package org.nimbusmedia.server.so;

import java.util.List;
import java.util.Set;
import org.nimbusmedia.scripting.host.SharedObjectHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SharedObject.get} for an instance's script (fms4.md section 1.5): each handle holds the
 * object in memory until {@code close()}.
 */
public final class ScriptSharedObjectHost implements SharedObjectHost {
  private static final Logger log = LoggerFactory.getLogger(ScriptSharedObjectHost.class);

  private final SharedObjects objects;

  public ScriptSharedObjectHost(SharedObjects objects) {
    this.objects = objects;
  }

  @Override
  public SharedObjectHandle get(String name, boolean persistent) {
    try {
      return new Handle(objects, objects.open(name, persistent));
    } catch (SharedObjectException e) {
      log.warn("SharedObject.get({}, {}) refused: {}", name, persistent, e.getMessage());
      return null;
    }
  }

  /**
   * {@code application.clearSharedObjects(path)}: clears the objects in memory and deletes the
   * stored ones that the path names.
   */
  @Override
  public boolean clear(String path) {
    return objects.clear(path);
  }

  @Override
  public boolean commit(String name) {
    return objects.commit(name);
  }

  private static final class Handle implements SharedObjectHandle {
    private final SharedObjects objects;
    private final SharedObject object;
    private Listener listener;
    private boolean closed;

    Handle(SharedObjects objects, SharedObject object) {
      this.objects = objects;
      this.object = object;
    }

    @Override
    public String name() {
      return object.name();
    }

    @Override
    public Object getProperty(String name) {
      return object.get(name);
    }

    @Override
    public boolean setProperty(String name, Object value) {
      return object.set(name, value);
    }

    @Override
    public Set<String> propertyNames() {
      return object.names();
    }

    @Override
    public int version() {
      return (int) object.version();
    }

    @Override
    public boolean clear() {
      return object.clear();
    }

    @Override
    public boolean send(String handler, List<Object> args) {
      object.send(handler, args, false);
      return true;
    }

    @Override
    public boolean flush() {
      return object.flush();
    }

    @Override
    public int lock() {
      return object.lock();
    }

    @Override
    public int unlock() {
      return object.unlock();
    }

    @Override
    public boolean mark(String handler, List<Object> args) {
      return object.mark(handler, args);
    }

    @Override
    public boolean purge(long version) {
      return object.purge(version);
    }

    @Override
    public boolean autoCommit() {
      return object.autoCommit();
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
      object.autoCommit(autoCommit);
    }

    @Override
    public boolean isDirty() {
      return object.dirty();
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (listener != null) {
        object.removeListener(listener);
      }
      objects.close(object);
    }

    @Override
    public synchronized void setListener(Listener newListener) {
      if (listener != null) {
        object.removeListener(listener);
      }
      listener = newListener;
      if (newListener != null && !closed) {
        object.addListener(newListener);
      }
    }
  }
}
