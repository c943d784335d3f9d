package org.nimbusmedia.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.scripting.ScriptEngine;
import org.nimbusmedia.scripting.ScriptingConfig;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ListenersConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.PeerRegistryConfig;
import org.nimbusmedia.server.config.ScriptingSettings;
import org.nimbusmedia.server.config.SharedObjectsConfig;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.nimbusmedia.server.rtmfp.PeerRegistry;
import org.nimbusmedia.server.rtmfp.PeerRegistryHttp;
import org.nimbusmedia.server.rtmfp.RtmfpConnections;
import org.nimbusmedia.server.rtmfp.RtmfpSettings;
import org.nimbusmedia.server.rtmp.RtmpChannelInitializer;
import org.nimbusmedia.server.rtmps.RtmpsChannelInitializer;
import org.nimbusmedia.server.rtmpt.RtmptTunnel;
import org.nimbusmedia.server.script.InstanceHost;
import org.nimbusmedia.server.so.SharedObjectSettings;

/**
 * The composition root: builds the server's parts from the config and hands the front ends to
 * {@link NimbusServer}. Nothing else in the server constructs its collaborators.
 */
final class ServerComponents {
  private final NimbusConfig config;
  private final ChannelGroup clients;
  private final AtomicLong clientIds = new AtomicLong();
  private ScheduledExecutorService scheduler;
  private ApplicationRegistry applications;

  ServerComponents(NimbusConfig config, ChannelGroup clients) {
    this.config = config;
    this.clients = clients;
  }

  void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("nimbus-scheduler", true));
    ScriptEngine scripts = new ScriptEngine(scriptingConfig(config.scripting()));
    applications =
        new ApplicationRegistry(
            config.applications(),
            config.live(),
            sharedObjectSettings(config),
            scheduler,
            instance -> scripts.start(new InstanceHost(instance)));
  }

  private static SharedObjectSettings sharedObjectSettings(NimbusConfig config) {
    SharedObjectsConfig so = config.sharedObjects();
    return new SharedObjectSettings(
        config.storage().sharedObjects().toAbsolutePath().normalize(),
        so.maxPerInstance(),
        so.maxProperties(),
        so.maxPropertySize(),
        so.resyncDepth(),
        so.maxLockedUpdates());
  }

  private static ScriptingConfig scriptingConfig(ScriptingSettings settings) {
    return ScriptingConfig.defaults()
        .withScriptLibraryPath(
            settings.libraryPath().stream().map(path -> path.toAbsolutePath().normalize()).toList())
        .withMaxCallbackTime(settings.maxCallbackTime())
        .withJavaAccess(settings.allowJavaAccess());
  }

  /** Runs every loaded instance's {@code onAppStop}, which also disconnects its clients. */
  void shutdownApplications() {
    if (applications != null) {
      applications.shutdownAll(config.server().shutdownTimeout());
    }
  }

  List<FrontEnd> frontEnds(EventLoops loops) {
    List<FrontEnd> frontEnds = new ArrayList<>();
    ListenersConfig listeners = config.server().listeners();
    // One initializer, so that the connection limits count every RTMP transport together.
    RtmpChannelInitializer rtmpPipeline =
        new RtmpChannelInitializer(config, applications, clients, clientIds);
    ListenerConfig rtmp = listeners.rtmp();
    if (rtmp.enabled()) {
      frontEnds.add(
          new TcpFrontEnd(
              "rtmp", new InetSocketAddress(rtmp.bind(), rtmp.port()), loops, rtmpPipeline));
    }
    ListenerConfig rtmpt = listeners.rtmpt();
    if (rtmpt.enabled()) {
      frontEnds.add(
          new RtmptFrontEnd(
              new InetSocketAddress(rtmpt.bind(), rtmpt.port()),
              loops,
              new RtmptTunnel(rtmpPipeline.forProtocol("rtmpt"), config.limits().maxConnections()),
              httpServices()));
    }
    TlsListenerConfig rtmps = listeners.rtmps();
    if (rtmps.enabled()) {
      frontEnds.add(
          new TcpFrontEnd(
              "rtmps",
              new InetSocketAddress(rtmps.bind(), rtmps.port()),
              loops,
              new RtmpsChannelInitializer(
                  RtmpsChannelInitializer.serverContext(rtmps),
                  rtmpPipeline.forProtocol("rtmps"))));
    }
    ListenerConfig rtmfp = listeners.rtmfp();
    if (rtmfp.enabled()) {
      frontEnds.add(
          new RtmfpFrontEnd(
              new InetSocketAddress(rtmfp.bind(), rtmfp.port()),
              loops,
              rtmfpTransport(config),
              new RtmfpConnections(
                  rtmpPipeline.forMessageTransport("rtmfp"),
                  name -> applications.find(name).isPresent(),
                  loops.workers(),
                  RtmfpSettings.from(config))));
    }
    return frontEnds;
  }

  /**
   * HTTP services on the RTMPT port: the video phone sample's peer ID exchange. It lives there
   * because that port is the HTTP listener clients can already reach (the admin port stays on
   * loopback), and the sample's client only needs a URL.
   */
  private List<Supplier<ChannelHandler>> httpServices() {
    PeerRegistryConfig registry = config.rtmfp().peerRegistry();
    if (registry.path().isEmpty()) {
      return List.of();
    }
    PeerRegistry peers =
        new PeerRegistry(Clock.systemUTC(), registry.expiry(), registry.maxEntries());
    return List.of(() -> new PeerRegistryHttp(registry.path(), peers));
  }

  /** RTMFP sessions count against the same limits as RTMP connections. */
  private static RtmfpConfig rtmfpTransport(NimbusConfig config) {
    int total = config.limits().maxConnections();
    return RtmfpConfig.defaults()
        .withSessionCaps(total, Math.min(total, config.limits().maxConnectionsPerIp()));
  }

  /** Enabled listeners that this version cannot serve yet, by name. */
  List<Map.Entry<String, ListenerConfig>> unavailableListeners() {
    ListenersConfig listeners = config.server().listeners();
    List<Map.Entry<String, ListenerConfig>> missing = new ArrayList<>();
    for (Map.Entry<String, ListenerConfig> entry : List.of(Map.entry("admin", listeners.admin()))) {
      if (entry.getValue().enabled()) {
        missing.add(entry);
      }
    }
    return missing;
  }

  ApplicationRegistry applications() {
    return applications;
  }

  void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
