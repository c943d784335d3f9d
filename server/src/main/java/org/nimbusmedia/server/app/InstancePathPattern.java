package org.nimbusmedia.server.so;

import java.util.function.Predicate;

/**
 * The {@code soPath} of {@code application.clearSharedObjects} (fms4.md section 1.2): {@code "/"}
 * names every object of the instance, {@code "/a/*"} every object whose name starts with {@code
 * a/}, and any other path names one object, where {@code ?} stands for any one character.
 */
final class SharedObjectPath {
  private SharedObjectPath() {}

  /** What {@code path} names, or null when it is not a path (no leading {@code /}). */
  static Predicate<String> matcher(String path) {
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
