package org.nimbusmedia.server.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.scripting.ApplicationScript;
import org.nimbusmedia.scripting.UnloadReason;
import org.nimbusmedia.server.concurrent.SerialExecutor;
import org.nimbusmedia.server.config.LiveConfig;
import org.nimbusmedia.server.meeting.Meetings;
import org.nimbusmedia.server.so.SharedObjectSettings;
import org.nimbusmedia.server.so.SharedObjects;
import org.nimbusmedia.server.stream.LiveStreamRegistry;
import org.nimbusmedia.server.vod.MediaLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of an application: its clients, its live streams and its shared objects. It
 * unloads itself when it has had no client for the idle timeout.
 */
public final class ApplicationInstance {
  private static final Logger log = LoggerFactory.getLogger(ApplicationInstance.class);

  private final Application application;
  private final AppAddress address;
  private final LiveStreamRegistry streams;
  private final SharedObjects sharedObjects;
  private final MediaLibrary media;
  private final Meetings meetings;
  private final Map<String, ClientSession> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final Duration idleTimeout;
  private ScheduledFuture<?> pendingUnload;
  private boolean unloaded;
  private ApplicationScript script;
  private final long loadedAtMillis = System.currentTimeMillis();
  private final CompletableFuture<UnloadReason> whenUnloaded = new CompletableFuture<>();

  ApplicationInstance(
      Application application,
      AppAddress address,
      LiveConfig live,
      SharedObjectSettings sharedObjectSettings,
      Executor sharedObjectWork,
      MediaLibrary media,
      ScheduledExecutorService scheduler,
      Duration idleTimeout) {
    this.media = media;
    this.application = application;
    this.address = address;
    this.streams =
        new LiveStreamRegistry(
            live.publishTimeout(), live.gopCacheFrames(), live.queue().policy(), scheduler);
    this.sharedObjects =
        new SharedObjects(
            sharedObjectSettings,
            address.application(),
            address.instance(),
            new SerialExecutor(sharedObjectWork));
    this.meetings =
        new Meetings(address.toString(), live.meetings(), sharedObjects, Clock.systemUTC());
    this.scheduler = scheduler;
    this.idleTimeout = idleTimeout;
  }

  /** Called once, right after construction, by the application that loads the instance. */
  void attach(ApplicationScript startedScript) {
    this.script = startedScript;
  }

  /** The instance's {@code main.asc}, running on its own thread. */
  public ApplicationScript script() {
    return script;
  }

  /** The application this is an instance of. */
  public Application application() {
    return application;
  }

  public AppAddress address() {
    return address;
  }

  public LiveStreamRegistry streams() {
    return streams;
  }

  /** The instance's remote shared objects (fms4.md section 2). */
  public SharedObjects sharedObjects() {
    return sharedObjects;
  }

  /** The instance's meetings (rooms): topology and direct/relay paths of their participants. */
  public Meetings meetings() {
    return meetings;
  }

  /** Recorded and uploaded files: recording, VOD and virtual directories. */
  public MediaLibrary media() {
    return media;
  }

  public Collection<ClientSession> clients() {
    return clients.values();
  }

  /**
   * Adds a client. Returns false when the instance has just unloaded; the caller then asks the
   * application for the instance again, which loads a fresh one.
   */
  public synchronized boolean join(ClientSession client) {
    if (unloaded) {
      return false;
    }
    if (pendingUnload != null) {
      pendingUnload.cancel(false);
      pendingUnload = null;
    }
    clients.put(client.id(), client);
    return true;
  }

  public synchronized void leave(ClientSession client) {
    clients.remove(client.id());
    meetings.leaveAll(client.id());
    if (clients.isEmpty() && !unloaded) {
      try {
        pendingUnload =
            scheduler.schedule(this::unloadIfIdle, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        // The server is stopping: its connections close after its scheduler; nothing to unload.
      }
    }
  }

  /**
   * The idle time has passed: the script's {@code onAppStop} may refuse the unload (FMS {@code
   * Application.GC}), in which case the instance stays and is asked again later.
   */
  void unloadIfIdle() {
    synchronized (this) {
      if (!clients.isEmpty() || unloaded) {
        return;
      }
    }
    script
        .unload(UnloadReason.GC)
        .whenComplete(
            (agreed, failure) -> {
              synchronized (this) {
                if (Boolean.FALSE.equals(agreed) && failure == null) {
                  pendingUnload =
                      scheduler.schedule(
                          this::unloadIfIdle, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
                  return;
                }
                unloaded = true;
              }
              application.forget(this);
              meetings.closeAll();
              whenUnloaded.complete(UnloadReason.GC);
              log.info(
                  "Instance {} unloaded after {} s without clients",
                  address,
                  idleTimeout.toSeconds());
            });
  }

  /**
   * The server stops: {@code onAppStop} runs with {@code Application.Shutdown}, which cannot
   * refuse.
   */
  public CompletableFuture<Boolean> shutdown() {
    synchronized (this) {
      unloaded = true;
      if (pendingUnload != null) {
        pendingUnload.cancel(false);
      }
    }
    return script
        .unload(UnloadReason.SHUTDOWN)
        .toCompletableFuture()
        .whenComplete(
            (agreed, failure) -> {
              meetings.closeAll();
              whenUnloaded.complete(UnloadReason.SHUTDOWN);
            });
  }

  /**
   * Unloads the instance now, as the admin API's {@code unloadApp} does: {@code onAppStop} runs
   * with {@code Application.Shutdown}, every client is disconnected and the application forgets the
   * instance, so that the next connect loads a fresh one. Completes with false when it was already
   * unloaded.
   */
  public CompletableFuture<Boolean> unload() {
    synchronized (this) {
      if (unloaded) {
        return CompletableFuture.completedFuture(false);
      }
      unloaded = true;
    }
    return shutdown()
        .handle(
            (agreed, failure) -> {
              application.forget(this);
              return true;
            });
  }

  /** Completes, with the reason, once the instance has unloaded. */
  public CompletionStage<UnloadReason> whenUnloaded() {
    return whenUnloaded;
  }

  /** When the instance was loaded (epoch ms). */
  public long loadedAtMillis() {
    return loadedAtMillis;
  }

  public synchronized boolean isUnloaded() {
    return unloaded;
  }
}
