package org.nimbusmedia.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Nimbus in a child JVM ({@link SharedObjectServerMain}: applications {@code apps}, shared
 * objects in {@code storage}, recordings in {@code storage/rec}), for tests that kill it with
 * {@code kill -9} ({@link Process#destroyForcibly} is SIGKILL on Linux: no shutdown hook runs).
 */
public final class ChildServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private ChildServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the child and waits until it prints its RTMP port. */
  public static ChildServer start(Path apps, Path storage) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SharedObjectServerMain.class.getName(),
                apps.toString(),
                storage.toString())
            .redirectErrorStream(true)
            .start();
    try {
      return new ChildServer(child, readPort(child));
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

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static int readPort(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    List<String> seen = new ArrayList<>();
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
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
        return Integer.parseInt(line.substring(5).trim());
      }
      seen.add(line);
    }
    throw new AssertionError("the child server printed no port: " + seen);
  }
}
