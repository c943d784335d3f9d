package org.nimbusmedia.server.vod;

import java.util.Optional;

/** The recording modes of {@code publish(name, type)} and {@code Stream.record(flag)}. */
public enum RecordMode {
  /** {@code "record"}: a new file replaces any old one. */
  RECORD,
  /** {@code "append"}: timestamps continue right after the file's last frame. */
  APPEND,
  /** {@code "appendWithGap"}: the wall-clock time since the file was last written is kept. */
  APPEND_WITH_GAP;

  /** The mode named {@code type}; empty for {@code "live"} and anything unknown. */
  public static Optional<RecordMode> of(String type) {
    return switch (type) {
      case "record" -> Optional.of(RECORD);
      case "append" -> Optional.of(APPEND);
      case "appendWithGap" -> Optional.of(APPEND_WITH_GAP);
      default -> Optional.empty();
    };
  }
}
