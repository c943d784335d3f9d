package org.nimbusmedia.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * The whole of {@code conf/nimbus.yaml}. Every section is optional; absent keys take the documented
 * defaults.
 */
public record NimbusConfig(
    ServerConfig server,
    ApplicationsConfig applications,
    LimitsConfig limits,
    RtmpConfig rtmp,
    LiveConfig live,
    StorageConfig storage,
    LoggingConfig logging,
    ScriptingSettings scripting,
    SharedObjectsConfig sharedObjects,
    AdminConfig admin,
    RtmptConfig rtmpt,
    MediaConfig media,
    RtmfpServerConfig rtmfp) {
  public NimbusConfig {
    server = Check.orDefault(server, ServerConfig.defaults());
    applications = Check.orDefault(applications, ApplicationsConfig.defaults());
    limits = Check.orDefault(limits, LimitsConfig.defaults());
    rtmp = Check.orDefault(rtmp, RtmpConfig.defaults());
    live = Check.orDefault(live, LiveConfig.defaults());
    storage = Check.orDefault(storage, StorageConfig.defaults());
    logging = Check.orDefault(logging, LoggingConfig.defaults());
    scripting = Check.orDefault(scripting, ScriptingSettings.defaults());
    sharedObjects = Check.orDefault(sharedObjects, SharedObjectsConfig.defaults());
    admin = Check.orDefault(admin, AdminConfig.defaults());
    rtmpt = Check.orDefault(rtmpt, RtmptConfig.defaults());
    media = Check.orDefault(media, MediaConfig.defaults());
    rtmfp = Check.orDefault(rtmfp, RtmfpServerConfig.defaults());
    requireAdminLoginOffLoopback(server.listeners().admin(), admin);
  }

  /**
   * An admin API that anyone on the network could call without a password would hand them every
   * client and application: off loopback it needs at least one user (issue 9).
   */
  private static void requireAdminLoginOffLoopback(ListenerConfig listener, AdminConfig admin) {
    if (listener.enabled() && admin.users().isEmpty() && !isLoopback(listener.bind())) {
      throw new InvalidValueException(
          "server.listeners.admin.bind",
          listener.bind(),
          "a loopback address (127.0.0.1, ::1) while admin.users is empty: add an admin user"
              + " (./nimbus --hash-password) before binding the admin API elsewhere");
    }
  }

  private static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public static NimbusConfig defaults() {
    return new NimbusConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public NimbusConfig withServer(ServerConfig newServer) {
    return with(copy -> copy.server = newServer);
  }

  public NimbusConfig withApplications(ApplicationsConfig newApplications) {
    return with(copy -> copy.applications = newApplications);
  }

  public NimbusConfig withLimits(LimitsConfig newLimits) {
    return with(copy -> copy.limits = newLimits);
  }

  public NimbusConfig withRtmp(RtmpConfig newRtmp) {
    return with(copy -> copy.rtmp = newRtmp);
  }

  public NimbusConfig withLive(LiveConfig newLive) {
    return with(copy -> copy.live = newLive);
  }

  public NimbusConfig withScripting(ScriptingSettings newScripting) {
    return with(copy -> copy.scripting = newScripting);
  }

  public NimbusConfig withStorage(StorageConfig newStorage) {
    return with(copy -> copy.storage = newStorage);
  }

  public NimbusConfig withSharedObjects(SharedObjectsConfig newSharedObjects) {
    return with(copy -> copy.sharedObjects = newSharedObjects);
  }

  public NimbusConfig withRtmfp(RtmfpServerConfig newRtmfp) {
    return with(copy -> copy.rtmfp = newRtmfp);
  }

  public NimbusConfig withAdmin(AdminConfig newAdmin) {
    return with(copy -> copy.admin = newAdmin);
  }

  public NimbusConfig withRtmpt(RtmptConfig newRtmpt) {
    return with(copy -> copy.rtmpt = newRtmpt);
  }

  public NimbusConfig withMedia(MediaConfig newMedia) {
    return with(copy -> copy.media = newMedia);
  }

  /** This configuration with one section replaced by {@code change}, validated again. */
  private NimbusConfig with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The sections of a configuration, for {@link #with} to replace one of them. */
  private static final class Copy {
    ServerConfig server;
    ApplicationsConfig applications;
    LimitsConfig limits;
    RtmpConfig rtmp;
    LiveConfig live;
    StorageConfig storage;
    LoggingConfig logging;
    ScriptingSettings scripting;
    SharedObjectsConfig sharedObjects;
    AdminConfig admin;
    RtmptConfig rtmpt;
    MediaConfig media;
    RtmfpServerConfig rtmfp;

    Copy(NimbusConfig config) {
      this.server = config.server;
      this.applications = config.applications;
      this.limits = config.limits;
      this.rtmp = config.rtmp;
      this.live = config.live;
      this.storage = config.storage;
      this.logging = config.logging;
      this.scripting = config.scripting;
      this.sharedObjects = config.sharedObjects;
      this.admin = config.admin;
      this.rtmpt = config.rtmpt;
      this.media = config.media;
      this.rtmfp = config.rtmfp;
    }

    NimbusConfig build() {
      return new NimbusConfig(
          server,
          applications,
          limits,
          rtmp,
          live,
          storage,
          logging,
          scripting,
          sharedObjects,
          admin,
          rtmpt,
          media,
          rtmfp);
    }
  }
}
