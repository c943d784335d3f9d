package org.nimbusmedia.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The launcher's command line, parsed. Port overrides are keyed by listener name. */
record LaunchOptions(
    boolean help,
    boolean hashPassword,
    Path configFile,
    Optional<Path> appsDirectory,
    Optional<String> bind,
    Map<String, Integer> ports) {

  static final String USAGE =
      """
      Usage: nimbus [options]

        --conf FILE        configuration file (default: conf/nimbus.yaml)
        --apps DIR         applications directory (overrides applications.directory)
        --bind ADDRESS     address the client listeners bind (overrides their bind; the admin
                           API keeps server.listeners.admin.bind)
        --rtmp-port N      RTMP port (overrides server.listeners.rtmp.port)
        --rtmpt-port N     RTMPT port (overrides server.listeners.rtmpt.port)
        --rtmps-port N     RTMPS port (overrides server.listeners.rtmps.port)
        --rtmfp-port N     RTMFP port (overrides server.listeners.rtmfp.port)
        --admin-port N     admin API port (overrides server.listeners.admin.port)
        --hash-password    read a password from the terminal (or one line of standard input)
                           and print its bcrypt hash for admin.users in nimbus.yaml
        --help             print this help and exit

      Exit codes: 0 stopped cleanly, 1 could not start, 2 bad options or configuration.
      """;

  /** Thrown for a command line that cannot be used; the message says which option and why. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static LaunchOptions parse(String... args) throws UsageException {
    boolean help = false;
    boolean hashPassword = false;
    Path configFile = Path.of("conf", "nimbus.yaml");
    Optional<Path> apps = Optional.empty();
    Optional<String> bind = Optional.empty();
    Map<String, Integer> ports = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--help", "-h" -> help = true;
        case "--hash-password" -> hashPassword = true;
        case "--conf" -> configFile = Path.of(value(args, ++i, option));
        case "--apps" -> apps = Optional.of(Path.of(value(args, ++i, option)));
        case "--bind" -> bind = Optional.of(value(args, ++i, option));
        case "--rtmp-port", "--rtmpt-port", "--rtmps-port", "--rtmfp-port", "--admin-port" ->
            ports.put(
                option.substring(2, option.length() - 5), port(value(args, ++i, option), option));
        default -> throw new UsageException("unknown option " + option + " (see --help)");
      }
    }
    return new LaunchOptions(help, hashPassword, configFile, apps, bind, Map.copyOf(ports));
  }

  private static String value(String[] args, int index, String option) throws UsageException {
    if (index >= args.length) {
      throw new UsageException(option + " needs a value (see --help)");
    }
    return args[index];
  }

  private static int port(String text, String option) throws UsageException {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the option's name
    }
    throw new UsageException(option + " " + text + ": expected a port from 0 to 65535");
  }
}
