package org.nimbusmedia.server.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.nimbusmedia.scripting.ScriptStats;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.Application;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.app.ClientInfo;
import org.nimbusmedia.server.app.ClientSession;
import org.nimbusmedia.server.meeting.Meeting;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.so.SharedObject;
import org.nimbusmedia.server.stream.LiveStream;

/**
 * The admin API's methods with FMS's names and, where FMS documents them, its field names ({@code
 * reference/fms4.md} section 5.2). Statistics never load an instance; {@code reloadApp}, {@code
 * unloadApp} and {@code disconnectUser} act on the running server.
 */
final class AdminMethods {
  private final ApplicationRegistry applications;
  private final NimbusMetrics metrics;
  private final Clock clock;
  private final Instant launchTime;
  private final String version;
  private final Map<String, Function<AdminParams, CompletionStage<Object>>> methods =
      new LinkedHashMap<>();

  AdminMethods(
      ApplicationRegistry applications,
      NimbusMetrics metrics,
      Clock clock,
      Instant launchTime,
      String version) {
    this.applications = applications;
    this.metrics = metrics;
    this.clock = clock;
    this.launchTime = launchTime;
    this.version = version;
    now("ping", params -> null);
    now("getServerStats", params -> serverStats());
    now("getApps", params -> appNames());
    now("getAppStats", params -> appStats(params.required("app")));
    now("getActiveInstances", params -> activeInstances(params.optional("app")));
    now("getInstanceStats", params -> instanceStats(loaded(params.instance())));
    now("getUsers", params -> users(loaded(params.instance())));
    methods.put("getUserStats", this::userStats);
    now("getLiveStreams", params -> loaded(params.instance()).streams().publishedNames());
    methods.put("getLiveStreamStats", this::liveStreamStats);
    methods.put("getNetStreams", params -> netStreams(loaded(params.instance())));
    now("getSharedObjects", params -> sharedObjects(loaded(params.instance())));
    now("getSharedObjectStats", this::sharedObjectStats);
    now("getScriptStats", params -> scriptStats(loaded(params.instance())));
    now("getMeetings", params -> meetings(loaded(params.instance())));
    methods.put("reloadApp", this::reloadApp);
    methods.put("unloadApp", this::unloadApp);
    now("disconnectUser", this::disconnectUser);
  }

  private void now(String name, Function<AdminParams, Object> method) {
    methods.put(name, params -> CompletableFuture.completedFuture(method.apply(params)));
  }

  /** Runs {@code name}; the stage fails with {@link AdminException} for a refusal. */
  CompletionStage<Object> call(String name, AdminParams params) {
    Function<AdminParams, CompletionStage<Object>> method = methods.get(name);
    if (method == null) {
      return CompletableFuture.failedFuture(
          new AdminException(
              AdminException.FAILED,
              HttpResponseStatus.NOT_FOUND,
              "Method not found (" + name + ")."));
    }
    try {
      return method.apply(params);
    } catch (AdminException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  List<String> names() {
    return List.copyOf(methods.keySet());
  }

  // ---- server

  private Map<String, Object> serverStats() {
    MeterRegistry registry = metrics.registry();
    Runtime runtime = Runtime.getRuntime();
    Map<String, Object> io = new LinkedHashMap<>();
    io.put("msg_in", sum(registry.find("nimbus.messages").tag("direction", "in")));
    io.put("msg_out", sum(registry.find("nimbus.messages").tag("direction", "out")));
    io.put("bytes_in", sum(registry.find("nimbus.message.bytes").tag("direction", "in")));
    io.put("bytes_out", sum(registry.find("nimbus.message.bytes").tag("direction", "out")));
    io.put("connected", gauges(registry.find("nimbus.connections")));
    io.put("total_connects", sum(registry.find("nimbus.connects").tag("result", "accepted")));
    io.put("rejected", sum(registry.find("nimbus.connects").tag("result", "rejected")));
    io.put("msg_dropped", sum(registry.find("nimbus.frames.dropped")));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("version", version);
    stats.put("launchTime", launchTime.toString());
    stats.put("uptime", clock.instant().getEpochSecond() - launchTime.getEpochSecond());
    stats.put("num_cores", runtime.availableProcessors());
    stats.put("cpu_Usage", cpuPercent());
    long used = runtime.totalMemory() - runtime.freeMemory();
    stats.put("memory_Usage", Math.round(100.0 * used / runtime.maxMemory()));
    stats.put("memory_used", used);
    stats.put("memory_max", runtime.maxMemory());
    stats.put("io", io);
    return stats;
  }

  private static long cpuPercent() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      double load = hotspot.getProcessCpuLoad();
      return load < 0 ? 0 : Math.round(load * 100);
    }
    return 0;
  }

  private static long sum(Search search) {
    return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
  }

  private static long gauges(Search search) {
    return Math.round(search.gauges().stream().mapToDouble(Gauge::value).sum());
  }

  // ---- applications and instances

  private List<String> appNames() {
    try {
      return applications.names();
    } catch (IOException e) {
      throw new AdminException(
          AdminException.FAILED,
          HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "The applications directory cannot be read: " + e.getMessage());
    }
  }

  private Application application(String name) {
    return AppAddress.parse(name)
        .filter(address -> address.application().equals(name))
        .flatMap(address -> applications.find(name))
        .orElseThrow(() -> AdminException.notFound("Application " + name + " does not exist."));
  }

  private ApplicationInstance loaded(AppAddress address) {
    return application(address.application())
        .loadedInstance(address.instance())
        .orElseThrow(() -> AdminException.notFound("Instance " + address + " is not loaded."));
  }

  private Map<String, Object> appStats(String name) {
    Application app = application(name);
    long connected = 0;
    long streams = 0;
    for (ApplicationInstance instance : app.instances()) {
      connected += instance.clients().size();
      streams += instance.streams().publishedNames().size();
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("name", app.name());
    stats.put("connected", connected);
    stats.put("accepted", app.acceptedConnects());
    stats.put("rejected", app.rejectedConnects());
    stats.put("total_connects", app.acceptedConnects() + app.rejectedConnects());
    stats.put("active_instances", app.instances().size());
    stats.put("total_instances_loaded", app.instancesLoaded());
    stats.put("total_instances_unloaded", app.instancesUnloaded());
    stats.put("live_streams", streams);
    return stats;
  }

  private List<String> activeInstances(String onlyApp) {
    List<String> names = new ArrayList<>();
    for (Application app : applications.loaded()) {
      if (onlyApp == null || app.name().equals(onlyApp)) {
        app.instances().forEach(instance -> names.add(instance.address().toString()));
      }
    }
    names.sort(null);
    return names;
  }

  private Map<String, Object> instanceStats(ApplicationInstance instance) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("name", instance.address().toString());
    stats.put("launch_time", Instant.ofEpochMilli(instance.loadedAtMillis()).toString());
    stats.put("up_time", (clock.millis() - instance.loadedAtMillis()) / 1000);
    stats.put("connected", instance.clients().size());
    stats.put("live_streams", instance.streams().publishedNames().size());
    stats.put("shared_objects", instance.sharedObjects().size());
    return stats;
  }

  private Map<String, Object> scriptStats(ApplicationInstance instance) {
    ScriptStats script = instance.script().stats();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("name", instance.address().toString());
    stats.put("total_processed", script.processed());
    stats.put("total_errors", script.errors());
    stats.put("total_process_time", script.totalTime().toMillis());
    stats.put("time_high_water_mark", script.longest().toMillis());
    stats.put("queue_size", script.queueSize());
    stats.put("queue_high_water_mark", script.queueHighWaterMark());
    return stats;
  }

  private CompletionStage<Object> reloadApp(AdminParams params) {
    return forEachInstance(
        params,
        instance -> {
          Application app = instance.application();
          String name = instance.address().instance();
          return instance.unload().thenApply(done -> app.instance(name).address().toString());
        });
  }

  private CompletionStage<Object> unloadApp(AdminParams params) {
    return forEachInstance(
        params, instance -> instance.unload().thenApply(done -> instance.address().toString()));
  }

  /**
   * Runs {@code action} on the instance {@code appInst} names, or on every loaded instance of the
   * application when it names only an application; answers with the instances acted on.
   */
  private CompletionStage<Object> forEachInstance(
      AdminParams params, Function<ApplicationInstance, CompletionStage<String>> action) {
    String onlyApp = params.applicationOnly();
    List<ApplicationInstance> targets =
        onlyApp != null
            ? List.copyOf(application(onlyApp).instances())
            : List.of(loaded(params.instance()));
    List<CompletableFuture<String>> done =
        targets.stream().map(instance -> action.apply(instance).toCompletableFuture()).toList();
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
        .thenApply(all -> done.stream().map(CompletableFuture::join).sorted().toList());
  }

  // ---- users

  private List<String> users(ApplicationInstance instance) {
    return instance.clients().stream().map(ClientSession::id).sorted(AdminMethods::byId).toList();
  }

  private static int byId(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  private ClientSession client(ApplicationInstance instance, String id) {
    return instance.clients().stream()
        .filter(client -> client.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                AdminException.notFound(
                    "Client " + id + " is not connected to " + instance.address() + "."));
  }

  private CompletionStage<Object> userStats(AdminParams params) {
    ClientSession client = client(loaded(params.instance()), params.required("userId"));
    return client
        .info()
        .thenApply(
            info -> {
              Map<String, Object> stats = new LinkedHashMap<>();
              stats.put("id", client.id());
              stats.put("protocol", client.protocol());
              stats.put("ip", client.ip());
              stats.put("connect_time", Instant.ofEpochMilli(info.connectedAtMillis()).toString());
              stats.put("msg_in", info.messagesIn());
              stats.put("msg_out", info.messagesOut());
              stats.put("bytes_in", info.bytesIn());
              stats.put("bytes_out", info.bytesOut());
              stats.put("uri", info.uri());
              stats.put("referrer", info.referrer());
              stats.put("user_agent", info.userAgent());
              stats.put(
                  "stream_ids", info.streams().stream().map(ClientInfo.NetStreamInfo::id).toList());
              return stats;
            });
  }

  private Object disconnectUser(AdminParams params) {
    client(loaded(params.instance()), params.required("userId")).disconnect();
    return null;
  }

  // ---- streams

  /** Every client's NetStreams with the client id, gathered from each connection's thread. */
  private CompletionStage<List<Map<String, Object>>> allNetStreams(ApplicationInstance instance) {
    List<CompletableFuture<List<Map<String, Object>>>> perClient = new ArrayList<>();
    for (ClientSession client : instance.clients()) {
      perClient.add(
          client
              .info()
              .toCompletableFuture()
              .handle(
                  (info, failure) -> {
                    List<Map<String, Object>> streams = new ArrayList<>();
                    if (info != null) {
                      for (ClientInfo.NetStreamInfo stream : info.streams()) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("client", client.id());
                        entry.put("stream_id", stream.id());
                        entry.put("type", stream.mode());
                        entry.put("name", stream.name());
                        streams.add(entry);
                      }
                    }
                    return streams;
                  }));
    }
    return CompletableFuture.allOf(perClient.toArray(CompletableFuture[]::new))
        .thenApply(
            all -> {
              List<Map<String, Object>> streams = new ArrayList<>();
              perClient.forEach(future -> streams.addAll(future.join()));
              streams.sort(
                  (a, b) -> {
                    int byClient = byId((String) a.get("client"), (String) b.get("client"));
                    return byClient != 0
                        ? byClient
                        : Integer.compare((int) a.get("stream_id"), (int) b.get("stream_id"));
                  });
              return streams;
            });
  }

  private CompletionStage<Object> netStreams(ApplicationInstance instance) {
    return allNetStreams(instance).thenApply(streams -> streams);
  }

  private CompletionStage<Object> liveStreamStats(AdminParams params) {
    ApplicationInstance instance = loaded(params.instance());
    String name = params.required("stream");
    Optional<LiveStream> stream = instance.streams().find(name);
    if (stream.isEmpty()) {
      throw AdminException.notFound(
          "Stream " + name + " does not exist in " + instance.address() + ".");
    }
    return allNetStreams(instance)
        .thenApply(
            streams -> {
              Map<String, Object> stats = new LinkedHashMap<>();
              stats.put("name", name);
              Map<String, Object> publisher = null;
              List<Map<String, Object>> subscribers = new ArrayList<>();
              for (Map<String, Object> entry : streams) {
                if (!name.equals(entry.get("name"))) {
                  continue;
                }
                if ("publishing".equals(entry.get("type"))) {
                  publisher = entry;
                } else if ("playing".equals(entry.get("type"))) {
                  subscribers.add(entry);
                }
              }
              stats.put("publisher", publisher);
              stats.put("subscribers", subscribers);
              stats.put("frames_published", stream.get().framesPublished());
              return stats;
            });
  }

  // ---- shared objects

  private Map<String, Object> sharedObjects(ApplicationInstance instance) {
    List<String> persistent = new ArrayList<>();
    List<String> temporary = new ArrayList<>();
    for (SharedObject object : instance.sharedObjects().inMemory()) {
      (object.persistent() ? persistent : temporary).add(object.name());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("persistent", persistent);
    data.put("nonpersistent", temporary);
    return data;
  }

  private Map<String, Object> sharedObjectStats(AdminParams params) {
    ApplicationInstance instance = loaded(params.instance());
    String name = params.required("so");
    boolean persistent = params.flag("persistent");
    SharedObject object = instance.sharedObjects().find(name);
    if (object == null || object.persistent() != persistent) {
      throw AdminException.notFound(
          (persistent ? "Persistent" : "Temporary")
              + " shared object "
              + name
              + " is not in memory in "
              + instance.address()
              + ".");
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("name", object.name());
    stats.put("persistent", object.persistent());
    stats.put("version", object.version());
    stats.put("subscribers", object.subscriberCount());
    stats.put("properties", object.slotCount());
    return stats;
  }

  /**
   * Nimbus's own: each meeting of the instance with its topology, why, how often it switched and
   * the path of every publisher-subscriber pair.
   */
  private static List<Object> meetings(ApplicationInstance instance) {
    List<Object> list = new ArrayList<>();
    instance.meetings().all().stream().map(Meeting::stats).forEach(list::add);
    return list;
  }
}
