package org.nimbusmedia.server.script;

import org.nimbusmedia.scripting.host.SharedObjectHost;

/**
 * Shared objects before their issue lands: {@code SharedObject.get} gives the script {@code null},
 * so a script that uses them fails visibly, with file and line, instead of silently.
 */
final class UnavailableSharedObjects implements SharedObjectHost {
  @Override
  public SharedObjectHandle get(String name, boolean persistent) {
    return null;
  }

  @Override
  public boolean clear(String path) {
    return false;
  }
}
