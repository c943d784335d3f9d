package org.nimbusmedia.scripting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.nimbusmedia.scripting.host.ApplicationHost;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.scripting.host.SharedObjectHost;
import org.nimbusmedia.scripting.host.StreamHost;

/** An application instance as the server would provide it, recording what the script asks. */
final class FakeHost implements ApplicationHost, StreamHost, SharedObjectHost {

  private final String application;
  private final String instance;
  private final Path folder;
  final CountDownLatch shutdownRequested = new CountDownLatch(1);
  final List<String> streamActions = new ArrayList<>();
  final Map<String, FakeStream> streams = new HashMap<>();
  final Map<String, Map<String, Object>> sharedObjects = new HashMap<>();

  FakeHost(String application, String instance, Path folder) {
    this.application = application;
    this.instance = instance;
    this.folder = folder;
  }

  @Override
  public String applicationName() {
    return application;
  }

  @Override
  public String instanceName() {
    return instance;
  }

  @Override
  public Path applicationFolder() {
    return folder;
  }

  @Override
  public String hostname() {
    return "localhost";
  }

  @Override
  public Map<String, Object> config() {
    return Map.of("clearOnAppStop", "true");
  }

  @Override
  public boolean allowDebug() {
    return false;
  }

  @Override
  public void requestShutdown() {
    shutdownRequested.countDown();
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("total_connects", 3.0);
  }

  /** Outgoing connections the script opened, by URI. */
  final Map<String, FakeConnection> connections = new HashMap<>();

  @Override
  public NetConnectionHost netConnections() {
    return (uri, encoding, args, listener) -> {
      FakeConnection connection = new FakeConnection(uri, encoding, args, listener);
      synchronized (this) {
        connections.put(uri, connection);
      }
      return connection;
    };
  }

  /** An outgoing connection that records calls; the test drives its events. */
  static final class FakeConnection implements NetConnectionHost.Connection {
    final String uri;
    final int encoding;
    final List<Object> args;
    final NetConnectionHost.Listener listener;
    final List<FakeClient.Call> calls = new ArrayList<>();
    volatile boolean closed;

    FakeConnection(
        String uri, int encoding, List<Object> args, NetConnectionHost.Listener listener) {
      this.uri = uri;
      this.encoding = encoding;
      this.args = args;
      this.listener = listener;
    }

    @Override
    public synchronized void call(
        String method, List<Object> callArgs, ClientHandle.CallResultListener result) {
      calls.add(new FakeClient.Call(method, callArgs, result));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Override
  public StreamHost streams() {
    return this;
  }

  @Override
  public SharedObjectHost sharedObjects() {
    return this;
  }

  @Override
  public synchronized StreamHandle get(String name) {
    return streams.computeIfAbsent(name, FakeStream::new);
  }

  @Override
  public double length(String name) {
    return 42.5;
  }

  @Override
  public boolean clear(String path) {
    synchronized (this) {
      streamActions.add("clear " + path);
    }
    return true;
  }

  final Map<String, SharedObjectHost.Listener> sharedObjectListeners = new HashMap<>();
  final List<String> commits = new ArrayList<>();
  final Map<String, FakeSharedObject> sharedObjectHandles = new HashMap<>();

  @Override
  public synchronized boolean commit(String name) {
    commits.add(String.valueOf(name));
    return true;
  }

  @Override
  public synchronized SharedObjectHandle get(String name, boolean persistent) {
    Map<String, Object> slots = sharedObjects.computeIfAbsent(name, n -> new HashMap<>());
    FakeSharedObject handle =
        new FakeSharedObject(
            name,
            slots,
            listener -> {
              synchronized (this) {
                sharedObjectListeners.put(name, listener);
              }
            });
    sharedObjectHandles.put(name, handle);
    return handle;
  }

  /** A server-side stream that records what the script did with it. */
  final class FakeStream implements StreamHandle {
    private final String name;
    Consumer<Map<String, Object>> status;

    FakeStream(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean play(String source, double start, double length, boolean reset) {
      record("play " + name + " " + source + " " + start + " " + length + " " + reset);
      return true;
    }

    @Override
    public void stop() {
      record("stop " + name);
    }

    @Override
    public boolean record(String mode, double maxDuration, double maxSize) {
      record("record " + name + " " + mode);
      return true;
    }

    @Override
    public void stopRecording() {
      record("stopRecording " + name);
    }

    @Override
    public boolean send(String handler, List<Object> args) {
      record("send " + name + " " + handler + " " + args);
      return true;
    }

    @Override
    public boolean clear() {
      record("clear " + name);
      return true;
    }

    @Override
    public void receiveAudio(boolean receive) {
      record("receiveAudio " + name + " " + receive);
    }

    @Override
    public void receiveVideo(boolean receive) {
      record("receiveVideo " + name + " " + receive);
    }

    @Override
    public void destroy() {
      record("destroy " + name);
    }

    @Override
    public synchronized void onStatus(Consumer<Map<String, Object>> listener) {
      this.status = listener;
    }

    private void record(String action) {
      synchronized (FakeHost.this) {
        streamActions.add(action);
      }
    }
  }

  /** A shared object kept in a map. */
  static final class FakeSharedObject implements SharedObjectHandle {
    private final String name;
    private final Map<String, Object> slots;
    private final Consumer<SharedObjectHost.Listener> listeners;

    FakeSharedObject(
        String name, Map<String, Object> slots, Consumer<SharedObjectHost.Listener> listeners) {
      this.name = name;
      this.slots = slots;
      this.listeners = listeners;
    }

    @Override
    public void setListener(SharedObjectHost.Listener listener) {
      listeners.accept(listener);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Object getProperty(String slot) {
      synchronized (slots) {
        return slots.get(slot);
      }
    }

    @Override
    public boolean setProperty(String slot, Object value) {
      synchronized (slots) {
        if (value == null) {
          slots.remove(slot);
        } else {
          slots.put(slot, value);
        }
      }
      return true;
    }

    @Override
    public Set<String> propertyNames() {
      synchronized (slots) {
        return Set.copyOf(slots.keySet());
      }
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public boolean clear() {
      synchronized (slots) {
        slots.clear();
      }
      return true;
    }

    @Override
    public boolean send(String handler, List<Object> args) {
      return true;
    }

    @Override
    public boolean flush() {
      return true;
    }

    private int locks;
    private boolean autoCommit = true;
    final List<String> marks = new ArrayList<>();

    @Override
    public synchronized int lock() {
      return ++locks;
    }

    @Override
    public synchronized int unlock() {
      locks = Math.max(0, locks - 1);
      return locks;
    }

    @Override
    public synchronized boolean mark(String handler, List<Object> args) {
      marks.add(handler + " " + args);
      return true;
    }

    @Override
    public boolean purge(long version) {
      return true;
    }

    @Override
    public synchronized boolean autoCommit() {
      return autoCommit;
    }

    @Override
    public synchronized void setAutoCommit(boolean value) {
      autoCommit = value;
    }

    @Override
    public synchronized boolean isDirty() {
      return !autoCommit;
    }

    @Override
    public void close() {}
  }
}
