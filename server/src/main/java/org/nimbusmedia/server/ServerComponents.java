package org.nimbusmedia.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.scripting.ScriptEngine;
import org.nimbusmedia.scripting.ScriptingConfig;
import org.nimbusmedia.server.admin.AdminChannelInitializer;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.config.ConfigException;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ListenersConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.PeerRegistryConfig;
import org.nimbusmedia.server.config.ScriptingSettings;
import org.nimbusmedia.server.config.SharedObjectsConfig;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.nimbusmedia.server.log.AccessLog;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.rtmfp.PeerRegistry;
import org.nimbusmedia.server.rtmfp.PeerRegistryHttp;
import org.nimbusmedia.server.rtmfp.RtmfpConnections;
import org.nimbusmedia.server.rtmfp.RtmfpSettings;
import org.nimbusmedia.server.rtmp.RtmpChannelInitializer;
import org.nimbusmedia.server.rtmps.RtmpsChannelInitializer;
import org.nimbusmedia.server.rtmpt.RtmptTunnel;
import org.nimbusmedia.server.script.ApplicationFile;
import org.nimbusmedia.server.script.InstanceHost;
import org.nimbusmedia.server.script.ScriptNetwork;
import org.nimbusmedia.server.so.SharedObjectSettings;
import org.nimbusmedia.server.vod.MediaLibrary;

/**
 * The composition root: builds the server's parts from the config and hands the front ends to
 * {@link NimbusServer}. Nothing else in the server constructs its collaborators.
 */
final class ServerComponents {
  /** The server's name and version in the access log and the admin API. */
  static final String VERSION = "Nimbus 0.1";

  private final NimbusConfig config;
  private final ChannelGroup clients;
  private final BooleanSupplier running;
  private final AtomicLong clientIds = new AtomicLong();
  private NimbusMetrics metrics;
  private final AccessLog accessLog;
  private ScheduledExecutorService scheduler;
  private EventExecutorGroup adminExecutor;
  private ExecutorService sharedObjectWork;
  private ApplicationRegistry applications;
  private ScriptNetwork scriptNetwork;
  private MediaLibrary media;

  /**
   * @param running whether the server serves clients now, for the admin API's health check
   */
  ServerComponents(NimbusConfig config, ChannelGroup clients, BooleanSupplier running) {
    this.config = config;
    this.clients = clients;
    this.running = running;
    this.accessLog = AccessLog.toLogback(config.server().listeners().rtmp().bind());
  }

  /** Builds the parts; fails with the file and key when an application's settings are wrong. */
  void start() throws ConfigException {
    ApplicationFile.checkAll(config.applications().directory());
    metrics = new NimbusMetrics();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("nimbus-scheduler", true));
    // Shared object messages wait for storage writes here, never on an event loop.
    sharedObjectWork =
        Executors.newFixedThreadPool(2, new DefaultThreadFactory("nimbus-shared-objects", true));
    ScriptEngine scripts = new ScriptEngine(scriptingConfig(config.scripting()));
    scriptNetwork = new ScriptNetwork(config.scripting());
    media = new MediaLibrary(config.media(), config.storage().recordings());
    applications =
        new ApplicationRegistry(
            config.applications(),
            config.live(),
            sharedObjectSettings(config),
            sharedObjectWork,
            media,
            scheduler,
            instance -> {
              AppAddress address = instance.address();
              accessLog.appStart(address);
              instance
                  .whenUnloaded()
                  .thenAccept(reason -> accessLog.appStop(address, reason.code()));
              return scripts.start(
                  new InstanceHost(instance, metrics.script(address.application()), scriptNetwork));
            });
    registerStreamGauges(applications);
  }

  /** Gauges read at each scrape from the loaded instances. */
  private void registerStreamGauges(ApplicationRegistry registry) {
    metrics.gauge(
        "nimbus.live.streams",
        "Live streams with a publisher now",
        registry,
        apps -> instances(apps).mapToLong(i -> i.streams().publishedNames().size()).sum());
    metrics.gauge(
        "nimbus.live.subscribers",
        "Players of live streams now",
        registry,
        apps -> instances(apps).mapToLong(i -> i.streams().subscriberCount()).sum());
    metrics.gauge(
        "nimbus.app.instances",
        "Application instances loaded now",
        registry,
        apps -> instances(apps).count());
    metrics.gauge(
        "nimbus.app.clients",
        "Clients connected to application instances now",
        registry,
        apps -> instances(apps).mapToLong(i -> i.clients().size()).sum());
  }

  private static Stream<ApplicationInstance> instances(ApplicationRegistry registry) {
    return registry.loaded().stream().flatMap(app -> app.instances().stream());
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
        .withMaxCallbackAllocation(settings.maxCallbackAllocation())
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
        new RtmpChannelInitializer(config, applications, clients, clientIds, metrics, accessLog);
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
              new RtmptTunnel(
                  rtmpPipeline.forProtocol("rtmpt"),
                  config.rtmpt(),
                  config.limits().maxConnections()),
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
                  RtmfpSettings.from(config),
                  metrics.rtmfp())));
    }
    ListenerConfig admin = listeners.admin();
    if (admin.enabled()) {
      adminExecutor =
          new DefaultEventExecutorGroup(1, new DefaultThreadFactory("nimbus-admin", true));
      frontEnds.add(
          new TcpFrontEnd(
              "admin",
              new InetSocketAddress(admin.bind(), admin.port()),
              loops,
              new AdminChannelInitializer(
                  config.admin(),
                  applications,
                  metrics,
                  running,
                  VERSION,
                  adminExecutor,
                  Clock.systemUTC())));
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
        .withSessionCaps(total, Math.min(total, config.limits().maxConnectionsPerIp()))
        .withHelloExcessRate(config.rtmfp().helloExcessRate());
  }

  ApplicationRegistry applications() {
    return applications;
  }

  /** The server's meters; the RTMFP front end reports through {@link NimbusMetrics#rtmfp()}. */
  NimbusMetrics metrics() {
    return metrics;
  }

  AccessLog accessLog() {
    return accessLog;
  }

  void stop() {
    if (scriptNetwork != null) {
      scriptNetwork.close();
    }
    if (adminExecutor != null) {
      adminExecutor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2_000);
    }
    if (sharedObjectWork != null) {
      // Lets the shared object work of closed connections finish: their stores complete.
      sharedObjectWork.shutdown();
      try {
        sharedObjectWork.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (media != null) {
      media.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
