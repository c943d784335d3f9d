package org.nimbusmedia.server.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.nimbusmedia.scripting.ApplicationScript;
import org.nimbusmedia.server.config.LiveConfig;
import org.nimbusmedia.server.so.SharedObjectSettings;
import org.nimbusmedia.server.vod.MediaLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application folder and its loaded instances. */
public final class Application {
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final String name;
  private final Path folder;
  private final LiveConfig live;
  private final SharedObjectSettings sharedObjects;
  private final MediaLibrary media;
  private final ScheduledExecutorService scheduler;
  private final Duration idleTimeout;
  private final Function<ApplicationInstance, ApplicationScript> scripts;
  private final ConcurrentMap<String, ApplicationInstance> instances = new ConcurrentHashMap<>();

  Application(
      String name,
      Path folder,
      LiveConfig live,
      SharedObjectSettings sharedObjects,
      MediaLibrary media,
      ScheduledExecutorService scheduler,
      Duration idleTimeout,
      Function<ApplicationInstance, ApplicationScript> scripts) {
    this.scripts = scripts;
    this.name = name;
    this.folder = folder;
    this.live = live;
    this.sharedObjects = sharedObjects;
    this.media = media;
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
          ApplicationInstance instance =
              new ApplicationInstance(
                  this,
                  new AppAddress(name, key),
                  live,
                  sharedObjects,
                  media,
                  scheduler,
                  idleTimeout);
          instance.attach(scripts.apply(instance));
          return instance;
        });
  }

  public Collection<ApplicationInstance> instances() {
    return instances.values();
  }

  void forget(ApplicationInstance instance) {
    instances.remove(instance.address().instance(), instance);
  }
}
