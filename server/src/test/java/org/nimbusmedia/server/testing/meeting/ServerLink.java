package org.nimbusmedia.server.testing.meeting;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A meeting client's NetConnection to the server, over RTMFP or RTMP. */
interface ServerLink extends AutoCloseable {

  /** "rtmfp" or "rtmp". */
  String protocol();

  /** Connects to the application with {@code args} for its {@code onConnect}. */
  CompletableFuture<Void> connect(String app, Object... args);

  /** Receives the server's calls: (method, arguments); on an I/O thread. */
  void onCall(BiConsumer<String, List<Object>> handler);

  /** {@code nc.call(method, responder, args...)}: the {@code _result} value. */
  CompletableFuture<Object> call(String method, Object... args);

  /** A new NetStream publishing {@code name} live; completes on {@code NetStream.Publish.Start}. */
  CompletableFuture<Outgoing> publish(String name);

  /** A new NetStream playing {@code name}; each video body goes to {@code frames}. */
  CompletableFuture<Incoming> play(String name, Consumer<byte[]> frames);

  @Override
  void close();

  /** A stream published to the server. */
  interface Outgoing {
    void sendVideo(long timestamp, byte[] body);

    /** {@code deleteStream}. */
    void close();
  }

  /** A stream played from the server. */
  interface Incoming {
    void close();
  }
}
