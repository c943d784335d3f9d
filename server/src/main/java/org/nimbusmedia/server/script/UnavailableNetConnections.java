package org.nimbusmedia.server.script;

import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.scripting.host.NetConnectionHost;

/**
 * Server-side {@code NetConnection} before server-to-server connections exist: every connect fails
 * at once with {@code NetConnection.Connect.Failed}, as an unreachable server would.
 */
final class UnavailableNetConnections implements NetConnectionHost {
  @Override
  public Connection connect(String uri, int objectEncoding, List<Object> args, Listener listener) {
    listener.onStatus(
        AmfObject.of(
            "level",
            "error",
            "code",
            "NetConnection.Connect.Failed",
            "description",
            "Server-side NetConnection is not available in this version of Nimbus."));
    return null;
  }
}
