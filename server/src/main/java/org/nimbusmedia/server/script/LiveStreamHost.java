package org.nimbusmedia.server.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nimbusmedia.scripting.host.StreamHost;
import org.nimbusmedia.server.rtmp.StreamNames;
import org.nimbusmedia.server.stream.LiveStreamRegistry;

/**
 * {@code Stream.get(name)} for live streams: a server-side stream publishes into the instance's bus
 * under its name, from another live stream it plays ({@code play}) and from the script ({@code
 * send}). Recording and recorded files come with the recording issue: {@code record}, {@code
 * length} and {@code clear} report that nothing was done.
 */
final class LiveStreamHost implements StreamHost {
  private final LiveStreamRegistry registry;
  private final Map<String, ServerStream> streams = new ConcurrentHashMap<>();

  LiveStreamHost(LiveStreamRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StreamHandle get(String name) {
    return StreamNames.live(name)
        .map(
            valid ->
                (StreamHandle)
                    streams.computeIfAbsent(valid, key -> new ServerStream(key, registry, this)))
        .orElse(null);
  }

  void forget(ServerStream stream) {
    streams.remove(stream.name(), stream);
  }

  @Override
  public double length(String name) {
    return 0;
  }

  @Override
  public boolean clear(String path) {
    return false;
  }
}
