package org.nimbusmedia.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.SubscriberQueue;

/**
 * The server's meters, in one registry that {@code GET /metrics} writes in Prometheus's text
 * format. One instance per server, made by the composition root and handed to what it measures.
 * Meter names are written here in Micrometer's dotted form; Prometheus sees {@code
 * nimbus_connections}, {@code nimbus_messages_total} and so on (the README lists them).
 */
public final class NimbusMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final ConcurrentMap<String, AtomicInteger> openConnections = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ProtocolMeters> protocols = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ScriptMeters> scripts = new ConcurrentHashMap<>();
  private final DistributionSummary queueDepth;
  private final RtmfpMeters rtmfp;
  private final Map<FrameKind, Map<SubscriberQueue.DropReason, Counter>> droppedFrames;

  public NimbusMetrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.queueDepth =
        DistributionSummary.builder("nimbus.subscriber.queue.depth")
            .description(
                "Frames waiting in a player's queue, sampled each time its connection drains it")
            .baseUnit("frames")
            .register(registry);
    this.rtmfp = new RtmfpMeters(registry);
    this.droppedFrames = dropCounters(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in Prometheus's text exposition format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  /** The meters of one protocol front end ({@code rtmp}, {@code rtmpt}, {@code rtmps}). */
  public ProtocolMeters protocol(String protocol) {
    return protocols.computeIfAbsent(protocol, name -> new ProtocolMeters(registry, name, this));
  }

  /** The meters the RTMFP front end reports to (sessions, round-trip time, retransmissions). */
  public RtmfpMeters rtmfp() {
    return rtmfp;
  }

  /** The script meters of one application (all its instances together). */
  public ScriptMeters script(String application) {
    return scripts.computeIfAbsent(application, name -> new ScriptMeters(registry, name));
  }

  /** Open connections of {@code protocol}, as a gauge that the connection handlers move. */
  AtomicInteger openConnections(String protocol) {
    return openConnections.computeIfAbsent(
        protocol,
        name -> {
          AtomicInteger open = new AtomicInteger();
          Gauge.builder("nimbus.connections", open, AtomicInteger::get)
              .description("Client connections open now")
              .tag("protocol", name)
              .register(registry);
          return open;
        });
  }

  /** A player's queue depth, sampled each time its connection drains it. */
  public void subscriberQueueDepth(int frames) {
    queueDepth.record(frames);
  }

  /** Frames a player's queue dropped, by kind and the queue's reason. */
  public void droppedFrames(FrameKind kind, SubscriberQueue.DropReason reason, int count) {
    droppedFrames.get(kind).get(reason).increment(count);
  }

  /** Every kind and reason from the start, so that rates over them begin at zero. */
  private static Map<FrameKind, Map<SubscriberQueue.DropReason, Counter>> dropCounters(
      MeterRegistry registry) {
    Map<FrameKind, Map<SubscriberQueue.DropReason, Counter>> counters =
        new EnumMap<>(FrameKind.class);
    for (FrameKind kind : List.of(FrameKind.AUDIO, FrameKind.VIDEO)) {
      Map<SubscriberQueue.DropReason, Counter> byReason =
          new EnumMap<>(SubscriberQueue.DropReason.class);
      for (SubscriberQueue.DropReason reason : SubscriberQueue.DropReason.values()) {
        byReason.put(
            reason,
            Counter.builder("nimbus.frames.dropped")
                .description("Frames dropped for players that cannot keep up")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason.tag())
                .register(registry));
      }
      counters.put(kind, byReason);
    }
    return counters;
  }

  /** A shared object changed by a client or a script ({@code source}). */
  public void sharedObjectUpdates(String source, int changes) {
    Counter.builder("nimbus.sharedobject.updates")
        .description("Shared object slot changes and deletions")
        .tag("source", source)
        .register(registry)
        .increment(changes);
  }

  /**
   * A gauge read from {@code state} at each scrape: live streams, subscribers, loaded instances.
   * The registry keeps {@code state} strongly: pass the server's own long-lived objects.
   */
  public <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value) {
    Gauge.builder(name, state, value)
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  /** Script callback time and errors of one application. */
  public static final class ScriptMeters {
    private final Timer callbacks;
    private final Counter errors;

    ScriptMeters(MeterRegistry registry, String application) {
      this.callbacks =
          Timer.builder("nimbus.script.callback")
              .description("Time spent in script callbacks (main.asc), per application")
              .tag("app", application)
              .register(registry);
      this.errors =
          Counter.builder("nimbus.script.errors")
              .description("Script errors and timeouts, per application")
              .tag("app", application)
              .register(registry);
    }

    public void callback(Duration time, boolean failed) {
      callbacks.record(time);
      if (failed) {
        errors.increment();
      }
    }
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
