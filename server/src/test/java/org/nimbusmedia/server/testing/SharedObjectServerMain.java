package org.nimbusmedia.server.testing;

import java.nio.file.Path;
import org.nimbusmedia.server.config.StorageConfig;

/**
 * A server in a child JVM for crash tests: {@code <apps> <storage>}; prints {@code PORT <n>} and
 * runs until killed.
 */
public final class SharedObjectServerMain {
  private SharedObjectServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path apps = Path.of(args[0]);
    Path storage = Path.of(args[1]);
    EmbeddedNimbus nimbus =
        EmbeddedNimbus.start(
            apps,
            config -> config.withStorage(new StorageConfig(storage.resolve("rec"), storage)),
            "so");
    System.out.println("PORT " + nimbus.rtmpPort());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
