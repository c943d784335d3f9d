package org.nimbusmedia.server.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.nimbusmedia.scripting.ApplicationScript;
import org.nimbusmedia.server.config.LiveConfig;
import org.nimbusmedia.server.so.SharedObjectSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application folder and its loaded instances. */
public final class Application {
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final String name;
  private final Path folder;
  private final LiveConfig live;
  private final SharedObjectSettings sharedObjects;
  private final Executor sharedObjectWork;
  private final ScheduledExecutorService scheduler;
  private final Duration idleTimeout;
  private final Function<ApplicationInstance, ApplicationScript> scripts;
  private final ConcurrentMap<String, ApplicationInstance> instances = new ConcurrentHashMap<>();
  // Totals since the server started, for the admin API's getAppStats.
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong instancesLoaded = new AtomicLong();
  private final AtomicLong instancesUnloaded = new AtomicLong();

  Application(
      String name,
      Path folder,
      LiveConfig live,
      SharedObjectSettings sharedObjects,
      Executor sharedObjectWork,
      ScheduledExecutorService scheduler,
      Duration idleTimeout,
      Function<ApplicationInstance, ApplicationScript> scripts) {
    this.scripts = scripts;
    this.name = name;
    this.folder = folder;
    this.live = live;
    this.sharedObjects = sharedObjects;
    this.sharedObjectWork = sharedObjectWork;
    this.scheduler = scheduler;
    this.idleTimeout = idleTimeout;
  }

  public String name() {
    return name;
  }

  public Path folder() {
    return folder;
  }

  /** The named instance, loaded now if it is not running. */
  public ApplicationInstance instance(String instanceName) {
    return instances.computeIfAbsent(
        instanceName,
        key -> {
          log.info("Instance {}/{} loaded", name, key);
          instancesLoaded.incrementAndGet();
          ApplicationInstance instance =
              new ApplicationInstance(
                  this,
                  new AppAddress(name, key),
                  live,
                  sharedObjects,
                  sharedObjectWork,
                  scheduler,
                  idleTimeout);
          instance.attach(scripts.apply(instance));
          return instance;
        });
  }

  /** The named instance if it is loaded now; never loads one. */
  public Optional<ApplicationInstance> loadedInstance(String instanceName) {
    return Optional.ofNullable(instances.get(instanceName));
  }

  public Collection<ApplicationInstance> instances() {
    return instances.values();
  }

  void forget(ApplicationInstance instance) {
    if (instances.remove(instance.address().instance(), instance)) {
      instancesUnloaded.incrementAndGet();
    }
  }

  /** An instance of this application accepted or refused a connect. */
  public void connectDecided(boolean wasAccepted) {
    (wasAccepted ? accepted : rejected).incrementAndGet();
  }

  public long acceptedConnects() {
    return accepted.get();
  }

  public long rejectedConnects() {
    return rejected.get();
  }

  public long instancesLoaded() {
    return instancesLoaded.get();
  }

  public long instancesUnloaded() {
    return instancesUnloaded.get();
  }
}
