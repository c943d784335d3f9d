package org.nimbusmedia.scripting.host;

/**
 * HTTP requests of a script: {@code XML.load}, {@code LoadVars.load/send/sendAndLoad} and calls to
 * AMF gateways (Flash Remoting). The server bounds each request in time and size (FMS {@code
 * Application.xml HTTP} settings) and never runs it on the script thread.
 */
public interface HttpHost {

  /**
   * Starts a request and returns at once. The outcome is reported to {@code listener} exactly once,
   * from any thread.
   */
  void send(Request request, Listener listener);

  /**
   * One request.
   *
   * @param method {@code GET} or {@code POST}
   * @param url an {@code http} or {@code https} URL
   * @param contentType the {@code Content-Type} of the body; ignored without a body
   * @param body the request body; empty for none
   */
  record Request(String method, String url, String contentType, byte[] body) {
    public Request {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    public static Request get(String url) {
      return new Request("GET", url, "", new byte[0]);
    }
  }

  /** The outcome of a request. */
  interface Listener {

    /** The server answered with {@code status} and the whole body (any status, 404 included). */
    void onResponse(int status, byte[] body);

    /** No answer: bad URL, refused, timed out, too large; {@code reason} is one short line. */
    void onFailure(String reason);
  }
}
