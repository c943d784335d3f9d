package org.nimbusmedia.scripting.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Outgoing connections of the server-side {@code NetConnection} class: to another instance or
 * server over RTMP or RTMFP, or to an AMF gateway over HTTP (FMS 4 SSASLR, NetConnection class).
 */
public interface NetConnectionHost {

  /**
   * {@code nc.connect(uri, args...)}: starts connecting and returns at once. The outcome arrives as
   * {@link Listener#onStatus} with {@code NetConnection.Connect.Success}, {@code .Rejected}, {@code
   * .Failed} and later {@code .Closed}. Returns null if the URI is refused at once.
   *
   * @param objectEncoding 0 for AMF0, 3 for AMF3 ({@code nc.objectEncoding})
   */
  Connection connect(String uri, int objectEncoding, List<Object> args, Listener listener);

  /** One outgoing connection. */
  interface Connection {

    /** {@code nc.call(method, responder, args...)}; listener null for no responder. */
    void call(String method, List<Object> args, ClientHandle.CallResultListener listener);

    /**
     * {@code nc.addHeader(name, mustUnderstand, value)}: a header sent with every later call; a
     * null value removes it. Only AMF gateway (HTTP) connections carry headers (AMF0 remoting
     * packet headers); RTMP connections ignore them, as Flash Player does.
     */
    default void addHeader(String name, boolean mustUnderstand, Object value) {}

    /** {@code nc.close()}. */
    void close();

    /** RTMFP peer ID of the far end; empty when not RTMFP. */
    default String farId() {
      return "";
    }

    /** RTMFP peer ID of this end; empty when not RTMFP. */
    default String nearId() {
      return "";
    }
  }

  /** Events of a connection; called from any thread. */
  interface Listener {

    /** A {@code NetConnection.*} information object for {@code nc.onStatus}. */
    void onStatus(Map<String, Object> info);

    /**
     * The far end called {@code method}: runs the script's {@code nc[method](args...)}. Completes
     * with its return value, or fails with {@link org.nimbusmedia.scripting.CallFailedException}
     * when the script has no such method or it throws.
     */
    CompletionStage<Object> onCall(String method, List<Object> args);
  }
}
