package org.nimbusmedia.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Stream;
import org.nimbusmedia.server.admin.PasswordHashes;
import org.nimbusmedia.server.config.ConfigException;
import org.nimbusmedia.server.config.ConfigLoader;
import org.nimbusmedia.server.config.InvalidValueException;
import org.nimbusmedia.server.config.ListenerConfig;
import org.nimbusmedia.server.config.ListenersConfig;
import org.nimbusmedia.server.config.NimbusConfig;
import org.nimbusmedia.server.config.ServerConfig;
import org.nimbusmedia.server.config.TlsListenerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the command line and the config, sets up logging, runs a {@link NimbusServer} until it is
 * told to stop, and returns the process's exit code. Messages that come before logging exists (bad
 * options, a bad config file) go to the terminal streams it was given.
 */
public final class Launcher {
  static final int EXIT_OK = 0;
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_BAD_CONFIG = 2;

  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, String> environment;
  private final PasswordPrompt passwords;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  public Launcher(PrintStream out, PrintStream err, Function<String, String> environment) {
    this(out, err, environment, PasswordPrompt.fromTerminal(err));
  }

  Launcher(
      PrintStream out,
      PrintStream err,
      Function<String, String> environment,
      PasswordPrompt passwords) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.passwords = passwords;
  }

  /** Asks a running {@link #run} to stop the server and return. */
  public void requestStop() {
    stopRequested.countDown();
  }

  /** Runs the server until {@link #requestStop}; returns the exit code. */
  public int run(String... args) {
    LaunchOptions options;
    NimbusConfig config;
    try {
      options = LaunchOptions.parse(args);
      if (options.help()) {
        out.print(LaunchOptions.USAGE);
        return EXIT_OK;
      }
      if (options.hashPassword()) {
        return hashPassword();
      }
      config = withOverrides(new ConfigLoader(environment).load(options.configFile()), options);
    } catch (LaunchOptions.UsageException e) {
      err.println("nimbus: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    } catch (ConfigException e) {
      err.println("nimbus: configuration error: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    } catch (InvalidValueException e) {
      // A command line override broke a rule that spans sections (the admin API's bind).
      err.println(
          "nimbus: configuration error: "
              + e.key()
              + ": value "
              + e.value()
              + " is invalid: expected "
              + e.expected());
      return EXIT_BAD_CONFIG;
    }
    configureLogging(options.configFile(), config);
    Logger log = LoggerFactory.getLogger(Launcher.class);
    log.info("Configuration: {}", options.configFile().toAbsolutePath().normalize());
    logApplications(log, config.applications().directory());
    NimbusServer server = new NimbusServer(config);
    try {
      server.start();
    } catch (ConfigException e) {
      // An application's own settings file (apps/<app>/Application.yaml) is configuration too.
      err.println("nimbus: configuration error: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    } catch (Exception e) {
      log.error("Could not start: {}", e.toString());
      return EXIT_START_FAILED;
    }
    log.info("Nimbus is running; stop it with Ctrl-C or SIGTERM");
    awaitStopRequest();
    server.stop();
    return EXIT_OK;
  }

  /** {@code --hash-password}: prints the bcrypt hash of a password for {@code admin.users}. */
  private int hashPassword() {
    char[] password = passwords.read();
    if (password == null || password.length == 0) {
      err.println("nimbus: --hash-password: no password given");
      return EXIT_BAD_CONFIG;
    }
    try {
      out.println(PasswordHashes.hash(password));
      return EXIT_OK;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void awaitStopRequest() {
    boolean interrupted = false;
    while (stopRequested.getCount() > 0) {
      try {
        stopRequested.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static NimbusConfig withOverrides(NimbusConfig config, LaunchOptions options) {
    NimbusConfig result = config;
    if (options.appsDirectory().isPresent()) {
      result =
          result.withApplications(
              result.applications().withDirectory(options.appsDirectory().get()));
    }
    ListenersConfig listeners = result.server().listeners();
    ListenerConfig rtmp = override(listeners.rtmp(), "rtmp", options);
    ListenerConfig rtmpt = override(listeners.rtmpt(), "rtmpt", options);
    ListenerConfig rtmfp = override(listeners.rtmfp(), "rtmfp", options);
    // --bind is for the client listeners: the admin API stays where the config binds it.
    ListenerConfig admin = listeners.admin();
    Integer adminPort = options.ports().get("admin");
    if (adminPort != null) {
      admin = admin.withPort(adminPort);
    }
    TlsListenerConfig rtmps = listeners.rtmps();
    if (options.bind().isPresent()) {
      rtmps = rtmps.withBind(options.bind().get());
    }
    Integer rtmpsPort = options.ports().get("rtmps");
    if (rtmpsPort != null) {
      rtmps = rtmps.withPort(rtmpsPort);
    }
    return result.withServer(
        new ServerConfig(
            new ListenersConfig(rtmp, rtmpt, rtmfp, admin, rtmps),
            result.server().shutdownTimeout()));
  }

  private static ListenerConfig override(
      ListenerConfig listener, String name, LaunchOptions options) {
    ListenerConfig result = listener;
    if (options.bind().isPresent()) {
      result = result.withBind(options.bind().get());
    }
    Integer port = options.ports().get(name);
    return port == null ? result : result.withPort(port);
  }

  /**
   * Points Logback at {@code logback.xml} next to the config file and tells it the log directory.
   * Must run before the first logger is created; an explicit {@code -Dlogback.configurationFile}
   * wins.
   */
  private static void configureLogging(Path configFile, NimbusConfig config) {
    System.setProperty(
        "nimbus.logDir", config.logging().directory().toAbsolutePath().normalize().toString());
    Path parent = configFile.toAbsolutePath().getParent();
    Path logback = parent == null ? null : parent.resolve("logback.xml");
    if (System.getProperty("logback.configurationFile") == null
        && logback != null
        && Files.isRegularFile(logback)) {
      System.setProperty("logback.configurationFile", logback.toString());
    }
  }

  private static void logApplications(Logger log, Path directory) {
    List<String> names;
    try (Stream<Path> entries = Files.list(directory)) {
      names =
          entries
              .filter(Files::isDirectory)
              .map(path -> path.getFileName().toString())
              .sorted()
              .toList();
    } catch (IOException e) {
      log.warn(
          "Applications directory {} cannot be read: {}", directory.toAbsolutePath(), e.toString());
      return;
    }
    log.info(
        "Applications in {}: {}",
        directory.toAbsolutePath().normalize(),
        names.isEmpty() ? "none" : String.join(", ", names));
  }
}
