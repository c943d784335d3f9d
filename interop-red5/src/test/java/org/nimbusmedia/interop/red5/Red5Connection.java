package org.nimbusmedia.interop.red5;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.red5.client.net.rtmp.BaseRTMPClientHandler;
import org.red5.client.net.rtmp.RTMPClient;
import org.red5.client.net.rtmpt.RTMPTClient;
import org.red5.server.api.service.IPendingServiceCall;
import org.red5.server.net.rtmp.RTMPConnection;

/**
 * One Red5 client connection (RTMP or RTMPT) to 127.0.0.1, driven the way the Red5 client examples
 * do it: {@code connect} with a callback, then shared objects and calls on the connection.
 */
final class Red5Connection implements AutoCloseable {
  private final BaseRTMPClientHandler client;
  private final CompletableFuture<RTMPConnection> opened;

  private Red5Connection(BaseRTMPClientHandler client, CompletableFuture<RTMPConnection> opened) {
    this.client = client;
    this.opened = opened;
  }

  /** Connects to {@code app} over {@code protocol} ("rtmp" or "rtmpt") and waits for the result. */
  static Red5Connection open(String protocol, int port, String app, Duration wait)
      throws Exception {
    CompletableFuture<RTMPConnection> opened = new CompletableFuture<>();
    BaseRTMPClientHandler client =
        switch (protocol) {
          case "rtmp" ->
              new RTMPClient() {
                @Override
                public void connectionOpened(RTMPConnection connection) {
                  super.connectionOpened(connection);
                  opened.complete(connection);
                }
              };
          case "rtmpt" ->
              new RTMPTClient() {
                @Override
                public void connectionOpened(RTMPConnection connection) {
                  super.connectionOpened(connection);
                  opened.complete(connection);
                }
              };
          default -> throw new IllegalArgumentException(protocol);
        };
    client.setExceptionHandler(opened::completeExceptionally);
    CompletableFuture<IPendingServiceCall> connected = new CompletableFuture<>();
    client.connect("127.0.0.1", port, app, connected::complete);
    IPendingServiceCall answer = connected.get(wait.toSeconds(), TimeUnit.SECONDS);
    if (!answer.isSuccess()) {
      throw new IllegalStateException("Red5 connect failed: " + answer.getResult());
    }
    opened.get(wait.toSeconds(), TimeUnit.SECONDS);
    return new Red5Connection(client, opened);
  }

  /** The non-persistent remote shared object {@code name}, connected and synchronised. */
  Red5SharedObject sharedObject(String name) throws Exception {
    return Red5SharedObject.connect(client.getSharedObject(name, false), opened.get());
  }

  /** {@code NetConnection.call(method, args...)}; completes with Red5's view of the answer. */
  CompletableFuture<IPendingServiceCall> call(String method, Object... args) {
    CompletableFuture<IPendingServiceCall> answer = new CompletableFuture<>();
    client.invoke(method, args, answer::complete);
    return answer;
  }

  @Override
  public void close() {
    client.disconnect();
  }
}
