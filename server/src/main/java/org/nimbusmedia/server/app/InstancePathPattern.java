package org.nimbusmedia.server.app;

import java.util.function.Predicate;

/**
 * The path argument of {@code application.clearSharedObjects(soPath)} and {@code
 * application.clearStreams(streamPath)} (fms4.md section 1.2): {@code "/"} names everything the
 * instance stored, {@code "/a/*"} every name that starts with {@code a/}, and any other path names
 * one object or stream, where {@code ?} stands for any one character.
 */
public final class InstancePathPattern {
  private InstancePathPattern() {}

  /** What {@code path} names, or null when it is not a path (no leading {@code /}). */
  public static Predicate<String> matcher(String path) {
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    if (path.equals("/")) {
      return name -> true;
    }
    if (path.endsWith("/*")) {
      String folder = path.substring(1, path.length() - 1);
      return name -> name.startsWith(folder);
    }
    String pattern = path.substring(1);
    return name -> matches(pattern, name);
  }

  private static boolean matches(String pattern, String name) {
    if (pattern.length() != name.length()) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      if (p != '?' && p != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
