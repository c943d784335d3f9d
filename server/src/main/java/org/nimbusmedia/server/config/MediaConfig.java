package org.nimbusmedia.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Recording and video on demand (FMS {@code Application.xml StreamManager} and {@code Vhost.xml
 * VirtualDirectory/Streams}).
 *
 * @param readAhead media time a recorded stream is sent ahead of real time whatever the player's
 *     buffer ({@code Client/MsgQueue/Recorded/MinBufferTime}, 2 s)
 * @param maxClientBuffer the largest player buffer ({@code SetBufferLength}) honoured when sending
 *     ahead: a player asking for more gets this much, so a file is never sent all at once
 * @param recordMaxDuration longest recording; 0 is no limit ({@code Recording/MaxDuration})
 * @param recordMaxSize largest recorded file in bytes; 0 is no limit ({@code Recording/MaxSize})
 * @param recordFlushInterval how often recorded tags are written to the file: a crash loses at most
 *     this much
 * @param virtualDirectories stream path prefixes served from (and recorded to) other folders, tried
 *     in order before the instance's own folder
 */
public record MediaConfig(
    Duration readAhead,
    Duration maxClientBuffer,
    Duration recordMaxDuration,
    Long recordMaxSize,
    Duration recordFlushInterval,
    List<VirtualDirectory> virtualDirectories) {
  public MediaConfig {
    readAhead =
        Check.range(
            "readAhead",
            Check.orDefault(readAhead, Duration.ofSeconds(2)),
            Duration.ofMillis(100),
            Duration.ofMinutes(1));
    maxClientBuffer =
        Check.range(
            "maxClientBuffer",
            Check.orDefault(maxClientBuffer, Duration.ofSeconds(30)),
            Duration.ZERO,
            Duration.ofMinutes(10));
    recordMaxDuration =
        Check.range(
            "recordMaxDuration",
            Check.orDefault(recordMaxDuration, Duration.ZERO),
            Duration.ZERO,
            Duration.ofDays(7));
    recordMaxSize = Check.range("recordMaxSize", Check.orDefault(recordMaxSize, 0L), 0L, 1L << 40);
    recordFlushInterval =
        Check.range(
            "recordFlushInterval",
            Check.orDefault(recordFlushInterval, Duration.ofSeconds(1)),
            Duration.ofMillis(10),
            Duration.ofMinutes(1));
    virtualDirectories = List.copyOf(Check.orDefault(virtualDirectories, List.of()));
  }

  public static MediaConfig defaults() {
    return new MediaConfig(null, null, null, null, null, null);
  }

  /**
   * One mapping: stream names under {@code prefix} ({@code "/"} for every name) are files under
   * {@code folder}; {@code vod/clip} with prefix {@code vod} is {@code <folder>/clip.flv}.
   */
  public record VirtualDirectory(String prefix, Path folder) {
    public VirtualDirectory {
      prefix = Check.notBlank("prefix", Check.orDefault(prefix, ""));
      if (prefix.contains("..") || prefix.indexOf('\\') >= 0 || prefix.indexOf('\0') >= 0) {
        throw new InvalidValueException("prefix", prefix, "a path prefix without .. or \\");
      }
      if (folder == null) {
        throw new InvalidValueException("folder", "(missing)", "a folder");
      }
    }
  }
}
