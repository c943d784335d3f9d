package org.nimbusmedia.server.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.host.ApplicationHost;
import org.nimbusmedia.scripting.host.HttpHost;
import org.nimbusmedia.scripting.host.MeetingHost;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.scripting.host.SharedObjectHost;
import org.nimbusmedia.scripting.host.StreamHost;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.config.ConfigException;
import org.nimbusmedia.server.metrics.NimbusMetrics;
import org.nimbusmedia.server.so.ScriptSharedObjectHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application instance as its script sees it ({@code application.*}). */
public final class InstanceHost implements ApplicationHost {
  private static final Logger log = LoggerFactory.getLogger(InstanceHost.class);

  /**
   * How the server introduces itself to other servers and HTTP servers; FMS sends {@code
   * "FlashCom/3.0.0 WIN/5.1.2600"} as the {@code flashVer} of its server-to-server connections
   * (fms4.md section 1.3), which scripts test to tell servers from players.
   */
  static final String AGENT = "FlashCom/4.0.0 Nimbus";

  private final ApplicationInstance instance;
  private final StreamHost streams;
  private final SharedObjectHost sharedObjects;
  private final HttpHost http;
  private final NetConnectionHost netConnections;
  private final MeetingHost meetings;

  private final NimbusMetrics.ScriptMeters meters;

  /**
   * @param meters where the script's callback times and errors are counted
   * @param network the outgoing connections and HTTP client that every instance shares
   */
  public InstanceHost(
      ApplicationInstance instance, NimbusMetrics.ScriptMeters meters, ScriptNetwork network) {
    this.instance = instance;
    this.meters = meters;
    this.streams = new LiveStreamHost(instance);
    this.sharedObjects = new ScriptSharedObjectHost(instance.sharedObjects());
    OutgoingBudget budget = new OutgoingBudget(network.settings().maxOutgoing());
    this.http = new ScriptHttp(network, budget, AGENT);
    this.netConnections =
        new OutgoingNetConnections(network, budget, http, AGENT, instance.streams());
    this.meetings = new ScriptMeetings(instance);
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

  /**
   * {@code application.config}: the {@code applicationObject} map of the application's {@code
   * Application.yaml}, read when the instance loads, as FMS reads {@code Application.xml}.
   */
  @Override
  public Map<String, Object> config() {
    try {
      return ApplicationFile.applicationObject(instance.application().folder());
    } catch (ConfigException e) {
      log.error("Instance {} cannot load: {}", instance.address(), e.getMessage());
      throw new IllegalStateException(e.getMessage(), e);
    }
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

  @Override
  public HttpHost http() {
    return http;
  }

  @Override
  public MeetingHost meetings() {
    return meetings;
  }
}
