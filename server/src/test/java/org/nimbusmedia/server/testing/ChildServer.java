package org.nimbusmedia.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Nimbus in a child JVM, for tests that kill it with {@code kill -9} ({@link
 * Process#destroyForcibly} is SIGKILL on Linux: no shutdown hook runs) or stop it with SIGTERM
 * ({@link Process#destroy}): either {@link SharedObjectServerMain} (applications {@code apps},
 * shared objects in {@code storage}, recordings in {@code storage/rec}) or the real {@code Main}
 * with a configuration file.
 */
public final class ChildServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private ChildServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The line {@link SharedObjectServerMain} prints. */
  private static final Pattern TEST_PORT = Pattern.compile("^PORT (\\d+)$");

  /** The line the server logs when its RTMP front end is bound (console pattern of logback.xml). */
  private static final Pattern LISTENING = Pattern.compile("Listening: rtmp on [^:]+:(\\d+)$");

  /** Starts the child and waits until it prints its RTMP port. */
  public static ChildServer start(Path apps, Path storage) throws IOException {
    return start(
        TEST_PORT,
        "-cp",
        System.getProperty("java.class.path"),
        SharedObjectServerMain.class.getName(),
        apps.toString(),
        storage.toString());
  }

  /**
   * Starts {@code org.nimbusmedia.server.Main --conf <conf>} in a JVM with at most {@code heap} of
   * heap (such as {@code "256m"}) and waits until its RTMP front end listens. A {@code logback.xml}
   * next to {@code conf} is the child's logging configuration, as with the real launcher.
   */
  public static ChildServer startMain(Path conf, String heap) throws IOException {
    return start(
        LISTENING,
        "-Xmx" + heap,
        "-cp",
        System.getProperty("java.class.path"),
        "org.nimbusmedia.server.Main",
        "--conf",
        conf.toString());
  }

  private static ChildServer start(Pattern portLine, String... javaArguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(javaArguments));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      return new ChildServer(child, readPort(child, portLine));
    } catch (IOException | RuntimeException | Error e) {
      child.destroyForcibly();
      throw e;
    }
  }

  public Process process() {
    return process;
  }

  public int port() {
    return port;
  }

  /** SIGKILL, and waits for the child to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * SIGTERM, and waits at most {@code limit} for the child to exit; returns its exit code, or
   * throws (after a SIGKILL) when it is still running then.
   */
  public int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child server was still running " + limit + " after SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static int readPort(Process child, Pattern portLine) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    List<String> seen = new ArrayList<>();
    while ((line = out.readLine()) != null) {
      Matcher port = portLine.matcher(line);
      if (port.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep the child's pipe from filling up
                    }
                  } catch (IOException e) {
                    // the child is gone
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(port.group(1));
      }
      seen.add(line);
    }
    throw new AssertionError("the child server printed no port: " + seen);
  }
}
