package org.nimbusmedia.scripting.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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

    /**
     * {@code new NetStream(nc)}: a stream that publishes to the far server (FMS 4 SSASLR, NetStream
     * class: publish only). Its {@code NetStream.*} status events go to {@code onStatus}, from any
     * thread. Null when the connection cannot carry streams (an AMF gateway).
     */
    default OutgoingStream createStream(Consumer<Map<String, Object>> onStatus) {
      return null;
    }

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

  /** A server-side {@code NetStream}: sends a local stream to the far server. */
  interface OutgoingStream {

    /** {@code ns.attach(stream)}: the local live stream to send; null detaches. */
    void attach(String localStreamName);

    /** {@code ns.publish(name, type)}: starts publishing under {@code name} on the far server. */
    void publish(String name, String type);

    /** {@code ns.publish(false)}: stops publishing. */
    void unpublish();

    /** {@code ns.send(handler, args...)}: a data message on the far stream. */
    void send(String handler, List<Object> args);

    /** {@code ns.close()}; also when the instance unloads. */
    void close();
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
