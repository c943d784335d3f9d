package org.nimbusmedia.server.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.host.ApplicationHost;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.scripting.host.SharedObjectHost;
import org.nimbusmedia.scripting.host.StreamHost;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.so.ScriptSharedObjectHost;

/** An application instance as its script sees it ({@code application.*}). */
public final class InstanceHost implements ApplicationHost {
  private final ApplicationInstance instance;
  private final StreamHost streams;
  private final SharedObjectHost sharedObjects;
  private final NetConnectionHost netConnections = new UnavailableNetConnections();

  private final NimbusMetrics.ScriptMeters meters;

  /**
   * @param meters where the script's callback times and errors are counted
   */
  public InstanceHost(ApplicationInstance instance, NimbusMetrics.ScriptMeters meters) {
    this.instance = instance;
    this.meters = meters;
    this.streams = new LiveStreamHost(instance.streams());
    this.sharedObjects = new ScriptSharedObjectHost(instance.sharedObjects());
  }

  @Override
  public String applicationName() {
    return instance.address().application();
  }

  @Override
  public String instanceName() {
    return instance.address().instance();
  }

  @Override
  public Path applicationFolder() {
    return instance.application().folder();
  }

  @Override
  public String hostname() {
    return "localhost";
  }

  /** Application.yaml settings reach scripts once per-application config exists; none yet. */
  @Override
  public Map<String, Object> config() {
    return new AmfObject();
  }

  @Override
  public boolean allowDebug() {
    return false;
  }

  @Override
  public void requestShutdown() {
    instance.shutdown();
  }

  @Override
  public Map<String, Object> stats() {
    return AmfObject.of(
        "connected", (double) instance.clients().size(),
        "live_streams", (double) instance.streams().publishedNames().size());
  }

  @Override
  public void callbackFinished(long nanos, boolean failed) {
    meters.callback(Duration.ofNanos(nanos), failed);
  }

  @Override
  public StreamHost streams() {
    return streams;
  }

  @Override
  public SharedObjectHost sharedObjects() {
    return sharedObjects;
  }

  @Override
  public NetConnectionHost netConnections() {
    return netConnections;
  }
}
