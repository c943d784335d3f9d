package org.nimbusmedia.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nimbusmedia.server.app.AppAddress;

/**
 * ffmpeg, ffprobe and rtmpdump as interop tests drive them ({@code
 * ../shared/reference/clients.md}): a real-time H.264/AAC test publisher, a player that copies a
 * stream to a file, and the probes that say what such a file holds. Every call is bounded by {@link
 * #LIMIT}.
 */
public final class Ffmpeg {
  public static final Duration LIMIT = Duration.ofSeconds(60);

  private final Path work;

  /** Tools that write their logs and outputs into {@code work}. */
  public Ffmpeg(Path work) {
    this.work = work;
  }

  /**
   * Starts ffmpeg publishing testsrc + sine to {@code url} as H.264 (yuv420p, 1 s GOP) and AAC in
   * real time for {@code seconds}. The caller closes the returned tool.
   */
  public ExternalTool publishTestStream(String url, int seconds) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel"));
    command.addAll(List.of("warning", "-re"));
    command.addAll(testSource(seconds, "ultrafast"));
    command.addAll(List.of("-f", "flv", url));
    return ExternalTool.start(work, command.toArray(String[]::new));
  }

  /**
   * Makes a {@code seconds}-long H.264 (25 fps, a keyframe a second, B-frames, so MP4 files get a
   * {@code ctts} table) and AAC file; the container follows {@code out}'s extension.
   */
  public void makeFile(Path out, int seconds) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning"));
    command.addAll(testSource(seconds, "veryfast"));
    command.addAll(List.of("-bf", "2", "-y", out.toString()));
    try (ExternalTool tool = ExternalTool.start(work, command.toArray(String[]::new))) {
      assertEquals(0, tool.waitFor(LIMIT), tool.output());
    }
  }

  /** testsrc + sine as H.264 (yuv420p, 1 s GOP) and AAC for {@code seconds}. */
  private static List<String> testSource(int seconds, String preset) {
    return List.of(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=320x240:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=44100",
        "-t",
        String.valueOf(seconds),
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-g",
        "25",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac");
  }

  /** The duration ffprobe gives {@code file}, in seconds. */
  public double duration(Path file) throws Exception {
    return Double.parseDouble(
        ffprobe("-show_entries", "format=duration", "-of", "csv=p=0", file.toString()).trim());
  }

  /** The time of the first video packet of {@code file}, in seconds. */
  public double firstVideoTime(Path file) throws Exception {
    String output =
        ffprobe(
            "-select_streams",
            "v:0",
            "-show_entries",
            "packet=dts_time",
            "-read_intervals",
            "%+#1",
            "-of",
            "csv=p=0",
            file.toString());
    return Double.parseDouble(output.trim().split("\\R")[0].replace(",", ""));
  }

  /** Writes the test stream, {@code seconds} long, into the FLV file {@code out}. */
  public void writeTestFile(Path out, int seconds) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning"));
    command.addAll(testSource(seconds, "ultrafast"));
    command.addAll(List.of("-f", "flv", "-y", out.toString()));
    try (ExternalTool tool = ExternalTool.start(work, command.toArray(String[]::new))) {
      assertEquals(0, tool.waitFor(LIMIT), tool.output());
    }
  }

  /** Waits until {@code stream} is published in {@code app}'s default instance. */
  public static void awaitPublished(
      EmbeddedNimbus nimbus, ExternalTool publisher, String app, String stream)
      throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean published =
          nimbus
              .server()
              .applications()
              .instance(new AppAddress(app, AppAddress.DEFAULT_INSTANCE))
              .map(instance -> instance.streams().publishedNames().contains(stream))
              .orElse(false);
      if (published) {
        return;
      }
      if (!publisher.isAlive()) {
        throw new AssertionError("publisher ended early:\n" + publisher.output());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("stream " + stream + " never published:\n" + publisher.output());
  }

  /** ffmpeg copies three seconds of {@code url} into the FLV file {@code out}. */
  public void play(String url, Path out, String... inputOptions) throws Exception {
    copy(url, out, List.of(inputOptions), List.of("-t", "3"));
  }

  /**
   * ffmpeg copies {@code url} into the FLV file {@code out} until the server ends the play; it must
   * exit with 0, so the play has to end without an error status.
   */
  public void playToEnd(String url, Path out) throws Exception {
    copy(url, out, List.of(), List.of());
  }

  private void copy(String url, Path out, List<String> inputOptions, List<String> outputOptions)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning"));
    command.addAll(inputOptions);
    command.addAll(List.of("-i", url));
    command.addAll(outputOptions);
    command.addAll(List.of("-c", "copy", "-f", "flv", out.toString()));
    try (ExternalTool player = ExternalTool.start(work, command.toArray(String[]::new))) {
      assertEquals(0, player.waitFor(LIMIT), player.output());
    }
  }

  /**
   * Starts rtmpdump recording the live stream at {@code url} into {@code out}; it is interrupted
   * after {@code seconds}. {@code options} go after the URL (for example {@code -C S:name}).
   */
  public ExternalTool startRtmpdumpLive(String url, Path out, int seconds, String... options)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("timeout", "--preserve-status", "-s", "INT", String.valueOf(seconds)));
    command.addAll(List.of("rtmpdump", "-r", url, "--live", "-o", out.toString()));
    command.addAll(List.of(options));
    return ExternalTool.start(work, command.toArray(String[]::new));
  }

  /** rtmpdump records the live stream at {@code url} for five seconds into {@code out}. */
  public void rtmpdumpLive(String url, Path out) throws Exception {
    try (ExternalTool dump = startRtmpdumpLive(url, out, 5)) {
      dump.waitFor(LIMIT); // rtmpdump exits 2 (incomplete) on SIGINT by design
      assertTrue(Files.size(out) > 10_000, "rtmpdump wrote media:\n" + dump.output());
    }
  }

  /** The codec names ffprobe finds in {@code file}, sorted. */
  public List<String> codecs(Path file) throws Exception {
    return ffprobe("-show_entries", "stream=codec_name", "-of", "csv=p=0", file.toString())
        .lines()
        .map(String::trim)
        .filter(l -> !l.isEmpty())
        .sorted()
        .toList();
  }

  /** Video frames ffprobe counts by decoding {@code file}. */
  public int decodedVideoFrames(Path file) throws Exception {
    String output =
        ffprobe(
            "-select_streams",
            "v:0",
            "-count_frames",
            "-show_entries",
            "stream=nb_read_frames",
            "-of",
            "csv=p=0",
            file.toString());
    return Integer.parseInt(output.trim().split("\\R")[0].replace(",", ""));
  }

  /** What {@code ffprobe -v error <arguments>} prints; fails the test when it fails. */
  public String ffprobe(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error"));
    command.addAll(List.of(arguments));
    try (ExternalTool probe = ExternalTool.start(work, command.toArray(String[]::new))) {
      assertEquals(0, probe.waitFor(LIMIT), probe.output());
      return probe.output();
    }
  }

  /** Asserts {@code file} holds H.264 and AAC with at least a second of decodable 25 fps video. */
  public void assertPlayable(Path file) throws Exception {
    assertEquals(List.of("aac", "h264"), codecs(file));
    assertTrue(decodedVideoFrames(file) >= 25, "at least a second of decodable video");
  }
}
