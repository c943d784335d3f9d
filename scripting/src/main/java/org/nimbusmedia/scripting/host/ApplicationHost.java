package org.nimbusmedia.scripting.host;

import java.nio.file.Path;
import java.util.Map;

/** The application instance that a script runs in, as the server provides it. */
public interface ApplicationHost {

  /** Application name: the folder name, e.g. {@code "videophone"}. */
  String applicationName();

  /** Instance name, {@code "_definst_"} when the URI names none. */
  String instanceName();

  /** Folder of the application: where the main script is looked up and {@code load} starts. */
  Path applicationFolder();

  /** {@code application.hostname}: the virtual host name. */
  String hostname();

  /** {@code application.config}: the application object settings, as AMF values. */
  Map<String, Object> config();

  /** {@code application.allowDebug} at load time. */
  boolean allowDebug();

  /** {@code application.shutdown()}: the server should unload the instance soon. */
  void requestShutdown();

  /** {@code application.getStats()} fields. */
  Map<String, Object> stats();

  StreamHost streams();

  SharedObjectHost sharedObjects();

  /** Outgoing connections of the script's {@code NetConnection} objects. */
  NetConnectionHost netConnections();

  /**
   * A callback of this instance's script finished after {@code nanos}; {@code failed} when it ended
   * in a script error or a timeout. Called on the script thread: count, do not block.
   */
  default void callbackFinished(long nanos, boolean failed) {}

  /** HTTP requests of {@code XML} and {@code LoadVars}. */
  HttpHost http();

  /** {@code application.getMeeting(name)}; null when the server has no meetings. */
  default MeetingHost meetings() {
    return null;
  }
}
