package org.nimbusmedia.server.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nimbusmedia.scripting.host.StreamHost;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.rtmp.StreamNames;
import org.nimbusmedia.server.stream.LiveStreamRegistry;

/**
 * {@code Stream.get(name)}: a server-side stream publishes into the instance's bus under its name,
 * from another live stream it plays ({@code play}) and from the script ({@code send}), and records
 * the live stream of its name ({@code record}). {@code Stream.length(name)} is the length of the
 * recorded file. {@code application.clearStreams(path)} deletes recorded files of the instance.
 */
final class LiveStreamHost implements StreamHost {
  private final ApplicationInstance instance;
  private final LiveStreamRegistry registry;
  private final Map<String, ServerStream> streams = new ConcurrentHashMap<>();

  LiveStreamHost(ApplicationInstance instance) {
    this.instance = instance;
    this.registry = instance.streams();
  }

  @Override
  public StreamHandle get(String name) {
    return StreamNames.live(name)
        .map(
            valid ->
                (StreamHandle)
                    streams.computeIfAbsent(
                        valid, key -> new ServerStream(key, registry, this, instance)))
        .orElse(null);
  }

  void forget(ServerStream stream) {
    streams.remove(stream.name(), stream);
  }

  @Override
  public double length(String name) {
    return instance.media().lengthSeconds(instance.address(), name);
  }

  @Override
  public boolean clear(String path) {
    return instance.media().clear(instance.address(), path);
  }
}
