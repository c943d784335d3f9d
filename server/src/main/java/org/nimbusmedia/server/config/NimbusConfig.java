package org.nimbusmedia.server.config;

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
    rtmfp = Check.orDefault(rtmfp, RtmfpServerConfig.defaults());
  }

  public static NimbusConfig defaults() {
    return new NimbusConfig(null, null, null, null, null, null, null, null, null, null);
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
        newRtmfp);
  }
}
