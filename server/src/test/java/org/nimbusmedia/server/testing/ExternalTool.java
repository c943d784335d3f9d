package org.nimbusmedia.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A third-party program (ffmpeg, rtmpdump, gst-launch-1.0, python3) run by an interop test, with
 * its output in a file the failure message can show. On a developer's machine without the program
 * the test is skipped; in CI ({@code CI} set) a missing program fails the test, because {@code
 * .ci/run} installs them all.
 */
public final class ExternalTool implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final List<String> command;

  private ExternalTool(Process process, Path output, List<String> command) {
    this.process = process;
    this.output = output;
    this.command = command;
  }

  /** Skips the calling test when {@code program} is missing outside CI. */
  public static void require(String program) {
    boolean present =
        List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)))
            || Files.isExecutable(Path.of(program));
    if (System.getenv("CI") == null) {
      assumeTrue(present, program + " is not installed (CI installs it through .ci/run)");
    } else if (!present) {
      throw new AssertionError(program + " is missing: .ci/run should have installed it");
    }
  }

  public static ExternalTool start(Path workDir, String... command) throws IOException {
    require(command[0]);
    Path output =
        Files.createTempFile(workDir, Path.of(command[0]).getFileName().toString(), ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    return new ExternalTool(process, output, List.of(command));
  }

  /**
   * Waits for the program to end; returns its exit code, or throws when it runs past {@code limit}.
   */
  public int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command) + " did not finish within " + limit + "\n" + output());
    }
    return process.exitValue();
  }

  /** Sends SIGINT-like termination and waits for the end. */
  public int stop(Duration limit) throws InterruptedException {
    process.destroy();
    return waitFor(limit);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
