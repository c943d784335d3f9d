package org.nimbusmedia.server.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.nimbusmedia.scripting.ApplicationScript;
import org.nimbusmedia.server.config.ApplicationsConfig;
import org.nimbusmedia.server.config.LiveConfig;
import org.nimbusmedia.server.so.SharedObjectSettings;

/**
 * The applications directory: an application exists when its folder does, so one can be added while
 * the server runs. The folder is looked up on each connect to an application not loaded.
 */
public final class ApplicationRegistry {
  private final Path directory;
  private final ApplicationsConfig config;
  private final LiveConfig live;
  private final SharedObjectSettings sharedObjects;
  private final Executor sharedObjectWork;
  private final ScheduledExecutorService scheduler;
  private final ConcurrentMap<String, Application> loaded = new ConcurrentHashMap<>();
  private final Function<ApplicationInstance, ApplicationScript> scripts;

  /**
   * @param scripts starts the script of a newly loaded instance
   */
  public ApplicationRegistry(
      ApplicationsConfig config,
      LiveConfig live,
      ScheduledExecutorService scheduler,
      Function<ApplicationInstance, ApplicationScript> scripts) {
    this(config, live, SharedObjectSettings.inMemory(), Runnable::run, scheduler, scripts);
  }

  /**
   * @param sharedObjects shared object limits and storage
   * @param sharedObjectWork threads that may block on storage, where the instances' shared objects
   *     handle client messages
   * @param scripts starts the script of a newly loaded instance
   */
  public ApplicationRegistry(
      ApplicationsConfig config,
      LiveConfig live,
      SharedObjectSettings sharedObjects,
      Executor sharedObjectWork,
      ScheduledExecutorService scheduler,
      Function<ApplicationInstance, ApplicationScript> scripts) {
    this.sharedObjects = sharedObjects;
    this.sharedObjectWork = sharedObjectWork;
    this.scripts = scripts;
    this.directory = config.directory().toAbsolutePath().normalize();
    this.config = config;
    this.live = live;
    this.scheduler = scheduler;
  }

  /** The application named {@code name}, when its folder exists. */
  public Optional<Application> find(String name) {
    Application known = loaded.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    Path folder = directory.resolve(name).normalize();
    if (!folder.getParent().equals(directory) || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    return Optional.of(
        loaded.computeIfAbsent(
            name,
            key ->
                new Application(
                    key,
                    folder,
                    live,
                    sharedObjects,
                    sharedObjectWork,
                    scheduler,
                    config.instanceIdleTimeout(),
                    scripts)));
  }

  /** The instance at {@code address}, loading it when needed; empty for an unknown application. */
  public Optional<ApplicationInstance> instance(AppAddress address) {
    return find(address.application()).map(app -> app.instance(address.instance()));
  }

  public Collection<Application> loaded() {
    return loaded.values();
  }

  /** The applications in the directory now, by folder name, sorted; loaded or not. */
  public List<String> names() throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .filter(name -> AppAddress.parse(name).isPresent())
          .sorted()
          .toList();
    }
  }

  /** Every loaded instance runs {@code onAppStop}; waits at most {@code timeout} for them all. */
  public void shutdownAll(Duration timeout) {
    CompletableFuture<?>[] stopping =
        loaded.values().stream()
            .flatMap(app -> app.instances().stream())
            .map(ApplicationInstance::shutdown)
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(stopping).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A script that cannot stop in time does not hold up the server's stop.
    }
  }
}
