package org.nimbusmedia.server.config;

import java.nio.file.Path;

/**
 * Where the server keeps what outlives a connection.
 *
 * @param recordings recorded streams, one folder per application instance
 * @param sharedObjects persistent shared objects, one folder per application instance
 */
public record StorageConfig(Path recordings, Path sharedObjects) {
  public StorageConfig {
    recordings = Check.orDefault(recordings, Path.of("data", "streams"));
    sharedObjects = Check.orDefault(sharedObjects, Path.of("data", "sharedobjects"));
  }

  public static StorageConfig defaults() {
    return new StorageConfig(null, null);
  }
}
