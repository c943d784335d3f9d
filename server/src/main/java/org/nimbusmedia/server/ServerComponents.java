package org.nimbusmedia.server;

import io.netty.channel.group.ChannelGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ListenersConfig;
import org.nimbusmedia.server.config.NimbusConfig;

/**
 * The composition root: builds the server's parts from the config and hands the front ends to
 * {@link NimbusServer}. Nothing else in the server constructs its collaborators.
 */
final class ServerComponents {
  private final NimbusConfig config;
  private final ChannelGroup clients;

  ServerComponents(NimbusConfig config, ChannelGroup clients) {
    this.config = config;
    this.clients = clients;
  }

  void start() {}

  List<FrontEnd> frontEnds(EventLoops loops) {
    return new ArrayList<>();
  }

  /** Enabled listeners that this version cannot serve yet, by name. */
  List<Map.Entry<String, ListenerConfig>> unavailableListeners() {
    ListenersConfig listeners = config.server().listeners();
    List<Map.Entry<String, ListenerConfig>> missing = new ArrayList<>();
    for (Map.Entry<String, ListenerConfig> entry :
        List.of(
            Map.entry("rtmp", listeners.rtmp()),
            Map.entry("rtmpt", listeners.rtmpt()),
            Map.entry("rtmfp", listeners.rtmfp()),
            Map.entry("admin", listeners.admin()))) {
      if (entry.getValue().enabled()) {
        missing.add(entry);
      }
    }
    return missing;
  }

  void stop() {}

  ChannelGroup clients() {
    return clients;
  }
}
