package org.nimbusmedia.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.scripting.ScriptEngine;
import org.nimbusmedia.scripting.ScriptingConfig;
import org.nimbusmedia.server.config.ApplicationsConfig;
import org.nimbusmedia.server.config.LiveConfig;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.script.InstanceHost;

class ApplicationRegistryTest {
  @TempDir Path apps;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  private final List<ApplicationRegistry> registries = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    registries.forEach(registry -> registry.shutdownAll(Duration.ofSeconds(5)));
    scheduler.shutdownNow();
  }

  private ApplicationRegistry registry(Duration idle) {
    ScriptEngine scripts = new ScriptEngine(ScriptingConfig.defaults());
    ApplicationRegistry registry =
        new ApplicationRegistry(
            new ApplicationsConfig(apps, idle),
            LiveConfig.defaults(),
            scheduler,
            instance ->
                scripts.start(new InstanceHost(instance, new NimbusMetrics().script("test"))));
    registries.add(registry);
    return registry;
  }

  private static ClientSession client(String id) {
    return new ClientSession() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String protocol() {
        return "rtmp";
      }

      @Override
      public String ip() {
        return "127.0.0.1";
      }

      @Override
      public void disconnect() {}
    };
  }

  @Test
  void parsesApplicationAndInstanceAsFmsDoes() {
    assertEquals(Optional.of(new AppAddress("live", "_definst_")), AppAddress.parse("live"));
    assertEquals(Optional.of(new AppAddress("live", "_definst_")), AppAddress.parse("live/"));
    assertEquals(
        Optional.of(new AppAddress("live", "room/1")), AppAddress.parse("live/room/1?x=y"));
    assertEquals(Optional.of(new AppAddress("vod", "_definst_")), AppAddress.parse("vod?token=1"));
  }

  @Test
  void refusesNamesThatEscapeTheApplicationsFolder() {
    for (String bad : new String[] {"", "..", "../etc", "live/..", "live/../x", "a\\b", "c:x"}) {
      assertEquals(Optional.empty(), AppAddress.parse(bad), bad);
    }
  }

  @Test
  void anApplicationExistsWhenItsFolderDoes() throws Exception {
    ApplicationRegistry registry = registry(Duration.ofMinutes(1));
    assertTrue(registry.find("live").isEmpty());

    Files.createDirectories(apps.resolve("live"));
    Files.writeString(apps.resolve("notes.txt"), "not an application");

    assertTrue(registry.find("live").isPresent());
    assertTrue(registry.find("notes.txt").isEmpty());
  }

  @Test
  void instanceUnloadsAfterItsIdleTimeAndLoadsFreshOnTheNextConnect() throws Exception {
    Files.createDirectories(apps.resolve("live"));
    ApplicationRegistry registry = registry(Duration.ofMillis(50));
    AppAddress address = new AppAddress("live", "room");
    ApplicationInstance first = registry.instance(address).orElseThrow();
    ClientSession alice = client("1");
    assertTrue(first.join(alice));
    assertSame(first, registry.instance(address).orElseThrow());

    first.leave(alice);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!first.isUnloaded() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertTrue(first.isUnloaded());
    assertFalse(first.join(client("2")), "an unloaded instance takes no client");
    assertNotSame(first, registry.instance(address).orElseThrow());
  }

  @Test
  void aClientJoiningCancelsTheUnload() throws Exception {
    Files.createDirectories(apps.resolve("live"));
    ApplicationRegistry registry = registry(Duration.ofMillis(200));
    ApplicationInstance instance = registry.instance(new AppAddress("live", "x")).orElseThrow();
    ClientSession alice = client("1");
    instance.join(alice);
    instance.leave(alice);
    instance.join(client("2"));

    Thread.sleep(400);

    assertFalse(instance.isUnloaded());
  }
}
