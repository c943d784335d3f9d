package org.nimbusmedia.server.app;

import java.util.Optional;

/**
 * The application and instance a client asked for in {@code connect}'s {@code app} field: {@code
 * live}, {@code live/room1}, {@code live/room1?token=x}, {@code live/_definst_}. Names are checked
 * here because they become folder names.
 */
public record AppAddress(String application, String instance) {
  public static final String DEFAULT_INSTANCE = "_definst_";
  private static final int MAX_NAME_LENGTH = 128;

  /** The address in {@code app}, or empty when it names no valid application. */
  public static Optional<AppAddress> parse(String app) {
    if (app == null) {
      return Optional.empty();
    }
    String path = app;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int slash = path.indexOf('/');
    String application = slash < 0 ? path : path.substring(0, slash);
    String instance = slash < 0 ? "" : path.substring(slash + 1);
    if (instance.isEmpty()) {
      instance = DEFAULT_INSTANCE;
    }
    if (!isSafeName(application) || !isSafeInstance(instance)) {
      return Optional.empty();
    }
    return Optional.of(new AppAddress(application, instance));
  }

  private static boolean isSafeName(String name) {
    return !name.isEmpty()
        && name.length() <= MAX_NAME_LENGTH
        && !name.equals(".")
        && !name.equals("..")
        && name.chars().allMatch(c -> c > 0x20 && c != '/' && c != '\\' && c != ':' && c != 0x7f);
  }

  private static boolean isSafeInstance(String instance) {
    if (instance.length() > MAX_NAME_LENGTH) {
      return false;
    }
    for (String part : instance.split("/", -1)) {
      if (!isSafeName(part)) {
        return false;
      }
    }
    return true;
  }

  /** {@code app/instance}, as logs and the admin API show it. */
  @Override
  public String toString() {
    return application + "/" + instance;
  }
}
