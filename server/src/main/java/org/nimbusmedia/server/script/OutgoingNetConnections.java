package org.nimbusmedia.server.script;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.host.HttpHost;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.server.stream.LiveStreamRegistry;

/**
 * Server-side {@code NetConnection}s of one instance (FMS 4 SSASLR, NetConnection class): {@code
 * rtmp://} URIs connect to another RTMP server or instance with our {@link
 * org.nimbusmedia.rtmp.client.RtmpClient}, {@code http(s)://} URIs reach an AMF gateway (Flash
 * Remoting). Any other scheme fails with {@code NetConnection.Connect.Failed}. Each open connection
 * counts against the instance's {@link OutgoingBudget}.
 */
final class OutgoingNetConnections implements NetConnectionHost {
  private final ScriptNetwork network;
  private final OutgoingBudget budget;
  private final HttpHost http;
  private final String agent;
  private final LiveStreamRegistry streams;

  /**
   * @param streams the instance's live streams, which its {@code NetStream}s publish
   */
  OutgoingNetConnections(
      ScriptNetwork network,
      OutgoingBudget budget,
      HttpHost http,
      String agent,
      LiveStreamRegistry streams) {
    this.streams = streams;
    this.network = network;
    this.budget = budget;
    this.http = http;
    this.agent = agent;
  }

  @Override
  public Connection connect(String uri, int objectEncoding, List<Object> args, Listener listener) {
    String scheme;
    try {
      scheme = String.valueOf(URI.create(uri).getScheme()).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return failed(listener, "Invalid URI: " + uri);
    }
    switch (scheme) {
      case "rtmp" -> {
        if (!budget.tryTake()) {
          return failed(listener, budget.exhausted());
        }
        try {
          return OutgoingRtmpConnection.open(
              network,
              URI.create(uri),
              objectEncoding,
              args,
              listener,
              agent,
              streams,
              budget::give);
        } catch (IllegalArgumentException | IllegalStateException e) {
          budget.give();
          return failed(listener, e.getMessage());
        }
      }
      case "http", "https" -> {
        return new GatewayConnection(uri, http, listener);
      }
      default -> {
        return failed(listener, "Unsupported protocol in " + uri + " (rtmp, http and https are)");
      }
    }
  }

  /** As an unreachable server: {@code NetConnection.Connect.Failed}, and no connection. */
  static Connection failed(Listener listener, String description) {
    listener.onStatus(
        AmfObject.of(
            "level", "error", "code", "NetConnection.Connect.Failed", "description", description));
    return null;
  }
}
