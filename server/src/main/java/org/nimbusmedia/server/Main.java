package org.nimbusmedia.server;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Entry point of the runnable jar. SIGINT and SIGTERM stop the server cleanly and the process exits
 * with 0, which a plain shutdown hook cannot give (the JVM would exit with 128+signal).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher launcher = new Launcher(System.out, System.err, System::getenv);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> launcher.requestStop());
    }
    int exitCode = launcher.run(args);
    closeLogs();
    System.exit(exitCode);
  }

  /** Closes the log files (the access log's last line is {@code server-stop}) before the exit. */
  private static void closeLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.stop();
    }
  }
}
