package org.nimbusmedia.server.rtmp;

import java.util.Optional;

/**
 * Stream names as clients send them to {@code publish} and {@code play}: {@code test}, {@code
 * test?token=x}, {@code flv:test}, {@code mp4:test.f4v}. A live stream is known by the name without
 * query string and without the {@code flv:} prefix, so an encoder that adds a token and a player
 * that does not meet on the same stream.
 */
public final class StreamNames {
  static final int MAX_LENGTH = 1024;

  private StreamNames() {}

  /** The bus name for {@code requested}, or empty when it cannot name a stream. */
  public static Optional<String> live(Object requested) {
    if (!(requested instanceof String text)) {
      return Optional.empty();
    }
    String name = text;
    int query = name.indexOf('?');
    if (query >= 0) {
      name = name.substring(0, query);
    }
    if (name.startsWith("flv:")) {
      name = name.substring(4);
    }
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    if (name.isEmpty()
        || name.length() > MAX_LENGTH
        || name.contains("..")
        || name.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    return Optional.of(name);
  }
}
