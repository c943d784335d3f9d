package org.nimbusmedia.server.vod;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nimbusmedia.server.media.flv.FlvIndex;
import org.nimbusmedia.server.media.mp4.Mp4Movie;

/**
 * The parsed index of recently played files (FLV tag scan, MP4 sample tables), shared by every
 * player of the same file: a hundred viewers of one MP4 file cost one parse and one copy of its
 * tables. An entry is keyed by path, size and modification time, so a file that changes (a
 * recording that grows, an upload that replaces it) is indexed again.
 */
final class IndexCache {
  private record Key(Path path, long size, long modified) {}

  private final int capacity;
  private final Map<Key, Object> entries;

  IndexCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The index of {@code file} (open as {@code channel}), parsed now if it is not cached. */
  Object index(MediaFile file, FileChannel channel) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
    Key key = new Key(file.path(), attributes.size(), attributes.lastModifiedTime().toMillis());
    synchronized (this) {
      Object cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    // Parsed outside the lock: two first viewers may both parse; the second result wins.
    Object parsed =
        file.format() == StreamFileName.Format.MP4
            ? Mp4Movie.read(channel)
            : FlvIndex.scan(channel);
    synchronized (this) {
      entries.put(key, parsed);
      while (entries.size() > capacity) {
        Key eldest = entries.keySet().iterator().next();
        entries.remove(eldest);
      }
    }
    return parsed;
  }
}
