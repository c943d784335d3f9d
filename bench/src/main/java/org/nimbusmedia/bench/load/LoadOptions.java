package org.nimbusmedia.bench.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one load run, validated against fixed caps so that a typo cannot open a million
 * connections or run for a day.
 *
 * @param url {@code rtmp://host[:port]/app[/instance]/stream}: the last path segment is the stream
 * @param subscribers players to open
 * @param publishers publishers to open; with more than one, publisher i (from 0) publishes {@code
 *     stream} for i = 0 and {@code stream-i} otherwise, and subscriber j plays the stream of
 *     publisher {@code j % publishers}; 0 plays a stream someone else publishes (without probes)
 * @param rampPerSecond subscriber connections started per second
 * @param duration how long the run lasts from the first subscriber on
 * @param bitrate bits per second of the synthetic stream's audio and video bodies
 * @param fps video frames per second of the synthetic stream
 * @param keyframeInterval a keyframe every this many video frames
 * @param audio whether the synthetic stream carries AAC audio (43 frames per second)
 * @param flv an FLV file to publish in a loop instead of the synthetic stream, or null
 * @param threads event loop threads shared by all connections
 * @param json a file to write the JSON summary to, or null
 */
public record LoadOptions(
    URI url,
    int subscribers,
    int publishers,
    int rampPerSecond,
    Duration duration,
    long bitrate,
    int fps,
    int keyframeInterval,
    boolean audio,
    Path flv,
    int threads,
    Path json) {

  static final int MAX_SUBSCRIBERS = 10_000;
  static final int MAX_PUBLISHERS = 100;
  static final int MAX_RAMP = 1_000;
  static final Duration MAX_DURATION = Duration.ofHours(1);
  static final long MAX_BITRATE = 100_000_000;
  static final int MAX_FPS = 120;
  static final int MAX_THREADS = 64;

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "usage: nimbus-bench --url rtmp://127.0.0.1:1935/live/stream [options]",
          "  --subscribers N        players (0.." + MAX_SUBSCRIBERS + ", default 10)",
          "  --publishers M         publishers (0.." + MAX_PUBLISHERS + ", default 1)",
          "  --ramp R               subscriber connections per second (1.."
              + MAX_RAMP
              + ", default 50)",
          "  --duration S           seconds from the first subscriber on (1..3600, default 30)",
          "  --bitrate B            synthetic bitrate, e.g. 2M or 500k (10k..100M, default 2M)",
          "  --fps F                synthetic video frames per second (1.."
              + MAX_FPS
              + ", default 30)",
          "  --keyframe-interval K  a keyframe every K frames (1..600, default 60)",
          "  --no-audio             synthetic stream without AAC audio",
          "  --flv FILE             publish an FLV file in a loop instead",
          "  --threads T            event loop threads (1.." + MAX_THREADS + ", default: cores)",
          "  --json FILE            also write the JSON summary to FILE");

  /** Validates every field against its cap. */
  public LoadOptions {
    if (url == null || !"rtmp".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("--url must be rtmp://host[:port]/app/stream, got " + url);
    }
    String path = url.getPath() == null ? "" : url.getPath();
    int slash = path.lastIndexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new IllegalArgumentException(
          "--url needs an application and a stream name, e.g. rtmp://127.0.0.1/live/stream; got "
              + url);
    }
    range("--subscribers", subscribers, 0, MAX_SUBSCRIBERS);
    range("--publishers", publishers, 0, MAX_PUBLISHERS);
    range("--ramp", rampPerSecond, 1, MAX_RAMP);
    if (duration == null
        || duration.compareTo(Duration.ofSeconds(1)) < 0
        || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("--duration must be 1..3600 seconds, got " + duration);
    }
    range("--bitrate", bitrate, 10_000, MAX_BITRATE);
    range("--fps", fps, 1, MAX_FPS);
    range("--keyframe-interval", keyframeInterval, 1, 600);
    range("--threads", threads, 1, MAX_THREADS);
  }

  private static void range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }

  /** The URL to connect to: the given one without its last path segment. */
  public URI appUrl() {
    String s = url.toString();
    return URI.create(s.substring(0, s.lastIndexOf('/')));
  }

  /** The stream name of publisher {@code index}. */
  public String streamName(int index) {
    String path = url.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return index == 0 ? name : name + "-" + index;
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a message for the user on a bad or unknown option
   */
  public static LoadOptions parse(List<String> args) {
    Map<String, String> values = new HashMap<>();
    boolean audio = true;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--no-audio" -> audio = false;
        case "--url",
            "--subscribers",
            "--publishers",
            "--ramp",
            "--duration",
            "--bitrate",
            "--fps",
            "--keyframe-interval",
            "--flv",
            "--threads",
            "--json" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          values.put(arg, args.get(++i));
        }
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    String url = values.get("--url");
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url is not a URL: " + url, e);
    }
    return new LoadOptions(
        uri,
        integer(values, "--subscribers", 10),
        integer(values, "--publishers", 1),
        integer(values, "--ramp", 50),
        Duration.ofSeconds(integer(values, "--duration", 30)),
        bitrate(values.getOrDefault("--bitrate", "2M")),
        integer(values, "--fps", 30),
        integer(values, "--keyframe-interval", 60),
        audio,
        values.containsKey("--flv") ? Path.of(values.get("--flv")) : null,
        integer(values, "--threads", Runtime.getRuntime().availableProcessors()),
        values.containsKey("--json") ? Path.of(values.get("--json")) : null);
  }

  private static int integer(Map<String, String> values, String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
    }
  }

  /** Parses {@code 2M}, {@code 500k} or {@code 2000000} as bits per second. */
  static long bitrate(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (v.endsWith("k")) {
      unit = 1_000;
    } else if (v.endsWith("m")) {
      unit = 1_000_000;
    }
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    try {
      double number = Double.parseDouble(digits);
      if (!(number >= 0) || number * unit > Long.MAX_VALUE / 2) {
        throw new NumberFormatException(value);
      }
      return Math.round(number * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--bitrate must look like 2M, 500k or 2000000", e);
    }
  }
}
