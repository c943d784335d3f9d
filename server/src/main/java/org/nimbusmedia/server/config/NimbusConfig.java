package org.nimbusmedia.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

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
    return new NimbusConfig(
        newServer,
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

  public NimbusConfig withApplications(ApplicationsConfig newApplications) {
    return new NimbusConfig(
        server,
        newApplications,
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

  public NimbusConfig withLimits(LimitsConfig newLimits) {
    return new NimbusConfig(
        server,
        applications,
        newLimits,
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

  public NimbusConfig withRtmp(RtmpConfig newRtmp) {
    return new NimbusConfig(
        server,
        applications,
        limits,
        newRtmp,
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

  public NimbusConfig withLive(LiveConfig newLive) {
    return new NimbusConfig(
        server,
        applications,
        limits,
        rtmp,
        newLive,
        storage,
        logging,
        scripting,
        sharedObjects,
        admin,
        rtmpt,
        media,
        rtmfp);
  }

  public NimbusConfig withScripting(ScriptingSettings newScripting) {
    return new NimbusConfig(
        server,
        applications,
        limits,
        rtmp,
        live,
        storage,
        logging,
        newScripting,
        sharedObjects,
        admin,
        rtmpt,
        media,
        rtmfp);
  }

  public NimbusConfig withStorage(StorageConfig newStorage) {
    return new NimbusConfig(
        server,
        applications,
        limits,
        rtmp,
        live,
        newStorage,
        logging,
        scripting,
        sharedObjects,
        admin,
        rtmpt,
        media,
        rtmfp);
  }

  public NimbusConfig withSharedObjects(SharedObjectsConfig newSharedObjects) {
    return new NimbusConfig(
        server,
        applications,
        limits,
        rtmp,
        live,
        storage,
        logging,
        scripting,
        newSharedObjects,
        admin,
        rtmpt,
        media,
        rtmfp);
  }

  public NimbusConfig withRtmfp(RtmfpServerConfig newRtmfp) {
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
        newRtmfp);
  }

  public NimbusConfig withAdmin(AdminConfig newAdmin) {
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
        newAdmin,
        rtmpt,
        media,
        rtmfp);
  }

  public NimbusConfig withRtmpt(RtmptConfig newRtmpt) {
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
        newRtmpt,
        media,
        rtmfp);
  }

  public NimbusConfig withMedia(MediaConfig newMedia) {
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
        newMedia,
        rtmfp);
  }
}
