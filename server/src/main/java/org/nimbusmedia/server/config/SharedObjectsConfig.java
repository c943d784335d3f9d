package org.nimbusmedia.server.config;

/**
 * Remote shared objects (FMS {@code SharedObjManager} and vhost {@code MaxSharedObjects}, fms4.md
 * section 1.5). Persistent objects are stored under {@code storage.sharedObjects}.
 *
 * @param maxPerInstance objects one application instance may hold in memory at once
 * @param maxProperties slots one object may hold ({@code MaxProperties})
 * @param maxPropertySize largest slot value in bytes of AMF0 ({@code MaxPropertySize})
 * @param resyncDepth deleted slots remembered per object so that a returning client gets only what
 *     changed; a client further behind is resynced in full ({@code ResyncDepth})
 * @param maxLockedUpdates client update batches one object holds while a script lock is on
 */
public record SharedObjectsConfig(
    Integer maxPerInstance,
    Integer maxProperties,
    Integer maxPropertySize,
    Integer resyncDepth,
    Integer maxLockedUpdates) {
  public SharedObjectsConfig {
    maxPerInstance =
        Check.range("maxPerInstance", Check.orDefault(maxPerInstance, 50_000), 1, 10_000_000);
    maxProperties =
        Check.range("maxProperties", Check.orDefault(maxProperties, 10_000), 1, 10_000_000);
    maxPropertySize =
        Check.range(
            "maxPropertySize", Check.orDefault(maxPropertySize, 1024 * 1024), 16, 64 * 1024 * 1024);
    resyncDepth = Check.range("resyncDepth", Check.orDefault(resyncDepth, 1_000), 0, 10_000_000);
    maxLockedUpdates =
        Check.range("maxLockedUpdates", Check.orDefault(maxLockedUpdates, 1_000), 1, 1_000_000);
  }

  public static SharedObjectsConfig defaults() {
    return new SharedObjectsConfig(null, null, null, null, null);
  }
}
