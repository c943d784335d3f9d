package org.nimbusmedia.server.so;

import java.nio.file.Path;

/**
 * Shared object limits and storage for one server (fms4.md section 1.5, {@code SharedObjManager}).
 *
 * @param storage root folder of persistent objects; {@code null} keeps them in memory only
 * @param maxObjects objects one instance may hold at once
 * @param maxProperties slots one object may hold
 * @param maxValueSize largest slot value, in bytes of AMF0
 * @param resyncDepth deleted slots remembered for incremental resync of a returning client
 * @param maxLockedUpdates client update batches held while a script lock is on
 */
public record SharedObjectSettings(
    Path storage,
    int maxObjects,
    int maxProperties,
    int maxValueSize,
    int resyncDepth,
    int maxLockedUpdates) {

  /** In-memory objects with the documented default limits. */
  public static SharedObjectSettings inMemory() {
    return new SharedObjectSettings(null, 1000, 1000, 65_536, 1000, 1000);
  }
}
