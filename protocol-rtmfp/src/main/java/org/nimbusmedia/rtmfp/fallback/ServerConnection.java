package org.nimbusmedia.rtmfp.fallback;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.client.ReceivedMedia;

/**
 * A connection to the server over whichever protocol {@link FallbackConnector} got through with:
 * what a NetConnection offers an application, the same for RTMFP, RTMP and RTMPT. Media goes
 * through the server (FMS bridges RTMFP and RTMP streams of one name); direct peer-to-peer streams
 * need RTMFP ({@link #directStreams}, {@link #connectPeer}).
 *
 * <p>Thread-safe; futures complete on the connection's event loop, so their callbacks must not
 * block.
 */
public interface ServerConnection extends AutoCloseable {

  /** The protocol that connected. */
  Protocol protocol();

  /** The URL it connected to. */
  URI uri();

  /** From the connector's start to {@code NetConnection.Connect.Success}, fallbacks included. */
  Duration connectTime();

  /**
   * This client's RTMFP peer ID (RFC 7425 section 4.5, what the server's scripts see as {@code
   * client.farID}), or empty when the connection is not RTMFP.
   */
  byte[] peerId();

  /**
   * The RTMFP client under an RTMFP connection, for direct peer sessions; null otherwise.
   *
   * @return the client, or null
   */
  org.nimbusmedia.rtmfp.flash.RtmfpClient rtmfpClient();

  /**
   * The direct peer-to-peer NetStreams of an RTMFP connection ({@code
   * NetStream.DIRECT_CONNECTIONS}, one instance per connection since it receives every peer message
   * of the client); null otherwise.
   *
   * @return the direct streams, or null
   */
  DirectStreams directStreams();

  /**
   * Opens a direct session with the client whose peer ID is {@code peerId}, introduced by the
   * server this connection reached (RFC 7016 section 3.5.1.6).
   *
   * @return the session; fails with {@link UnsupportedOperationException} when the connection is
   *     not RTMFP
   */
  CompletableFuture<Session> connectPeer(byte[] peerId);

  /**
   * Calls a server method ({@code NetConnection.call}).
   *
   * @return the {@code _result} value; fails with {@link
   *     org.nimbusmedia.rtmp.client.RtmpStatusException} on {@code _error}
   */
  CompletableFuture<Object> call(String method, Object... args);

  /**
   * Answers the server's calls of {@code method} (the server script's {@code client.call}) with
   * what {@code handler} returns for the arguments. Runs on the connection's event loop.
   */
  void onCall(String method, Function<List<Object>, Object> handler);

  /**
   * Publishes a live stream through the server.
   *
   * @return completes on {@code NetStream.Publish.Start}; fails with {@link
   *     org.nimbusmedia.rtmp.client.RtmpStatusException} on e.g. {@code NetStream.Publish.BadName}
   */
  CompletableFuture<Publication> publish(String name);

  /**
   * Plays a live stream through the server; its audio, video and data messages go to {@code media},
   * on the connection's event loop, in arrival order.
   *
   * @return completes on {@code NetStream.Play.Start}
   */
  CompletableFuture<Subscription> play(String name, Consumer<ReceivedMedia> media);

  /** Completes when the connection ends, whichever side closes it. */
  CompletableFuture<Void> closed();

  /** Closes the connection and its streams. */
  @Override
  void close();

  /** A stream this connection publishes. */
  final class Publication {
    /** How a connection sends one audio or video message on the published stream. */
    interface Sender {
      void send(boolean audio, long timestamp, byte[] payload);
    }

    private final String name;
    private final Sender sender;
    private final Runnable closer;

    Publication(String name, Sender sender, Runnable closer) {
      this.name = name;
      this.sender = sender;
      this.closer = closer;
    }

    /** The published name. */
    public String name() {
      return name;
    }

    /** Sends an audio message (an FLV audio tag body). */
    public void sendAudio(long timestamp, byte[] payload) {
      sender.send(true, timestamp, payload);
    }

    /** Sends a video message (an FLV video tag body). */
    public void sendVideo(long timestamp, byte[] payload) {
      sender.send(false, timestamp, payload);
    }

    /** Stops publishing: the stream is deleted on the server. */
    public void close() {
      closer.run();
    }
  }

  /** A stream this connection plays. */
  final class Subscription {
    private final String name;
    private final Runnable closer;

    Subscription(String name, Runnable closer) {
      this.name = name;
      this.closer = closer;
    }

    /** The played name. */
    public String name() {
      return name;
    }

    /** Stops playing: the stream is deleted on the server. */
    public void close() {
      closer.run();
    }
  }
}
