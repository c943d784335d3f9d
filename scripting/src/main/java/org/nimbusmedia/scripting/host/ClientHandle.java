package org.nimbusmedia.scripting.host;

import java.util.List;
import java.util.Map;

/**
 * One client connection as the script sees it (the FMS {@code Client} object). RTMFP-only fields
 * are empty strings for other protocols. Values passed in and out are AMF values of the {@code
 * org.nimbusmedia.rtmp.amf} model.
 */
public interface ClientHandle {

  /** Unique id of the connection; the admin API keys on it. */
  String id();

  String ip();

  /** Player platform and version, e.g. {@code "WIN 10,0,45,2"}. */
  String agent();

  /** {@code "rtmp"}, {@code "rtmpt"}, {@code "rtmfp"}, ... */
  String protocol();

  /** The SWF URL of the connect command ({@code swfUrl}). */
  String referrer();

  String pageUrl();

  /** The connect URI ({@code tcUrl}). */
  String uri();

  /** RTMFP peer ID of the client (its own {@code nc.nearID}); empty when not RTMFP. */
  default String farId() {
    return "";
  }

  /** RTMFP peer ID of the server (the client's {@code nc.farID}); empty when not RTMFP. */
  default String nearId() {
    return "";
  }

  default String farNonce() {
    return "";
  }

  default String nearNonce() {
    return "";
  }

  /**
   * Sends an invoke to the client. With a listener, its {@code _result} or {@code _error} is
   * reported to it exactly once, from any thread; with {@code null} nothing is reported.
   */
  void call(String method, List<Object> args, CallResultListener listener);

  /** Sends a ping request (RTMP user control 6); true if it could be sent. */
  boolean ping();

  /** {@code Client.getStats()} fields: bytes_in, bytes_out, msg_in, msg_out, ping_rtt, ... */
  Map<String, Object> stats();

  /** Bytes per second; {@code direction} 0 is client to server, 1 server to client. */
  long bandwidthLimit(int direction);

  /** Bytes per second, 0 leaves a direction unchanged. */
  void setBandwidthLimit(long serverToClient, long clientToServer);

  /** Starts the native bandwidth check ({@code onBWCheck}/{@code onBWDone} on the client). */
  void checkBandwidth();

  /**
   * Closes the connection. The server then reports it with {@code ApplicationScript.disconnect} so
   * that {@code application.onDisconnect} runs.
   */
  void disconnect();

  /**
   * The instance shuts down (server stop, {@code application.shutdown()}, the admin API's unload):
   * the client is told {@code NetConnection.Connect.AppShutdown} (fms4.md section 1.10), then the
   * connection closes as with {@link #disconnect}. A protocol that cannot tell just closes.
   */
  default void disconnectForShutdown() {
    disconnect();
  }

  /** Receives the outcome of {@link #call}. */
  interface CallResultListener {

    void onResult(Object value);

    /** The client answered {@code _error}; {@code info} is its information object. */
    void onStatus(Object info);
  }
}
