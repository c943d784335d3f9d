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
 * @param url {@code rtmp://host[:port]/app[/instance]/stream}: the last path segment is the stream;
 *     the scheme ({@code rtmp}, {@code rtmpt} or {@code rtmfp}) is the subscribers' protocol
 * @param publishUrl where publishers publish, over RTMP: {@code url} when it is an rtmp URL, else
 *     the same host and path over RTMP on port 1935 unless {@code --publish-url} says otherwise
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
    URI publishUrl,
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

  /** The protocols subscribers can play over, by URL scheme. */
  static final List<String> SUBSCRIBER_SCHEMES = List.of("rtmp", "rtmpt", "rtmfp");

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "usage: nimbus-bench --url rtmp://127.0.0.1:1935/live/stream [options]",
          "  --url URL              rtmp://, rtmpt:// or rtmfp://host[:port]/app/stream: what the"
              + " subscribers play, over that protocol",
          "  --publish-url URL      rtmp://host[:port]/app/stream publishers use (default: --url,"
              + " over rtmp on port 1935 when --url is not rtmp)",
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
    checkStreamUrl("--url", url, SUBSCRIBER_SCHEMES);
    checkStreamUrl("--publish-url", publishUrl, List.of("rtmp"));
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

  private static void checkStreamUrl(String option, URI url, List<String> schemes) {
    if (url == null
        || url.getScheme() == null
        || !schemes.contains(url.getScheme().toLowerCase(Locale.ROOT))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          option
              + " must be "
              + String.join(", ", schemes.stream().map(s -> s + "://").toList())
              + "host[:port]/app/stream, got "
              + url);
    }
    String path = url.getPath() == null ? "" : url.getPath();
    int slash = path.lastIndexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new IllegalArgumentException(
          option
              + " needs an application and a stream name, e.g. rtmp://127.0.0.1/live/stream; got "
              + url);
    }
  }

  private static void range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }

  /** The URL subscribers connect to: {@code url} without its last path segment. */
  public URI appUrl() {
    return withoutStream(url);
  }

  /** The URL publishers connect to. */
  public URI publishAppUrl() {
    return withoutStream(publishUrl);
  }

  /** The subscribers' protocol: {@code rtmp}, {@code rtmpt} or {@code rtmfp}. */
  public String protocol() {
    return url.getScheme().toLowerCase(Locale.ROOT);
  }

  private static URI withoutStream(URI streamUrl) {
    String s = streamUrl.toString();
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
            "--publish-url",
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
    URI uri = uri("--url", url);
    URI publishUri =
        values.containsKey("--publish-url")
            ? uri("--publish-url", values.get("--publish-url"))
            : defaultPublishUrl(uri);
    return new LoadOptions(
        uri,
        publishUri,
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

  private static URI uri(String option, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(option + " is not a URL: " + value, e);
    }
  }

  /** {@code url} itself for rtmp, else the same host and path over RTMP on its default port. */
  private static URI defaultPublishUrl(URI url) {
    if (url.getScheme() == null || url.getScheme().equalsIgnoreCase("rtmp")) {
      return url;
    }
    try {
      return new URI("rtmp", null, url.getHost(), 1935, url.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url is not a URL: " + url, e);
    }
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
