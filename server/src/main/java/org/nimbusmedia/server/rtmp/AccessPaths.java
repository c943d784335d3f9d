package org.nimbusmedia.server.rtmp;

/**
 * FMS's {@code client.readAccess} / {@code client.writeAccess}: a semicolon-separated list of
 * stream (or shared object) path prefixes the client may play (or publish); {@code "/"} is
 * everything, {@code ""} nothing. {@code "live;private/bob"} allows {@code live/x} and {@code
 * private/bob/cam} but not {@code private/alice} (FMS 4 SSASLR, Client.readAccess).
 */
final class AccessPaths {
  private AccessPaths() {}

  static boolean allows(String accessList, String streamName) {
    if (accessList == null) {
      return true;
    }
    String name = strip(streamName);
    for (String entry : accessList.split(";")) {
      String prefix = strip(entry.trim());
      if (entry.trim().equals("/")
          || (!prefix.isEmpty() && (name.equals(prefix) || name.startsWith(prefix + "/")))) {
        return true;
      }
    }
    return false;
  }

  private static String strip(String path) {
    String result = path;
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }
}
