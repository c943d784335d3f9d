package org.nimbusmedia.server.script;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.client.RtmpStatusException;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.host.NetConnectionHost;
import org.nimbusmedia.server.stream.LiveStreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A script's {@code NetConnection} to another RTMP server or instance, over our {@link RtmpClient}.
 * The script sees what Flash Player's {@code NetConnection} reports: {@code
 * NetConnection.Connect.Success} with the far server's info object, {@code .Rejected} (with its
 * {@code application} object) then {@code .Closed}, {@code .Failed} when the server cannot be
 * reached within {@code scripting.netConnectionTimeout}, and {@code .Closed} once an accepted
 * connection ends, whichever side closed it. Calls from the far server run the script's {@code
 * nc[method]} and answer with its return value.
 */
final class OutgoingRtmpConnection implements NetConnectionHost.Connection {
  private static final Logger log = LoggerFactory.getLogger(OutgoingRtmpConnection.class);

  private final RtmpClient client;
  private final NetConnectionHost.Listener listener;
  private final Map<Integer, Consumer<Map<String, Object>>> streamStatus =
      new ConcurrentHashMap<>();

  /** Completes once the connect outcome is reported: whether its end is reported too. */
  private final CompletableFuture<Boolean> reportsClose = new CompletableFuture<>();

  private final LiveStreamRegistry streams;

  private OutgoingRtmpConnection(
      RtmpClient client, NetConnectionHost.Listener listener, LiveStreamRegistry streams) {
    this.client = client;
    this.listener = listener;
    this.streams = streams;
  }

  /**
   * Starts connecting and returns at once.
   *
   * @param released called once when the connection is over, however it ended
   * @throws IllegalArgumentException if {@code uri} is not an RTMP URL with a host and an app
   */
  static OutgoingRtmpConnection open(
      ScriptNetwork network,
      URI uri,
      int objectEncoding,
      List<Object> args,
      NetConnectionHost.Listener listener,
      String agent,
      LiveStreamRegistry streams,
      Runnable released) {
    RtmpClientConfig config =
        RtmpClientConfig.DEFAULTS
            .withFlashVer(agent)
            .withConnectTimeout(network.settings().netConnectionTimeout())
            // Received media goes straight to the local stream; the client keeps no copies.
            .withMediaQueueCapacity(0)
            .withObjectEncoding(objectEncoding == 0 ? ObjectEncoding.AMF0 : ObjectEncoding.AMF3);
    RtmpClient client = new RtmpClient(network.loop(), config);
    OutgoingRtmpConnection connection = new OutgoingRtmpConnection(client, listener, streams);
    client.onOtherCalls(listener::onCall);
    client.onCommand(connection::routeStatus);
    client
        .connect(uri, args.toArray())
        .whenComplete(
            (info, failure) -> {
              if (failure == null) {
                listener.onStatus(info);
                connection.reportsClose.complete(true);
              } else {
                connection.reportsClose.complete(connection.refused(uri, failure));
              }
            });
    // Closed always comes after the connect outcome, as in Flash Player.
    client
        .closeFuture()
        .thenCombine(connection.reportsClose, (ok, report) -> report)
        .whenComplete(
            (report, error) -> {
              released.run();
              if (Boolean.TRUE.equals(report)) {
                listener.onStatus(
                    AmfObject.of("level", "status", "code", "NetConnection.Connect.Closed"));
              }
            });
    return connection;
  }

  @SuppressWarnings("unchecked")
  private void routeStatus(Command command) {
    Consumer<Map<String, Object>> forStream = streamStatus.get(command.streamId());
    if (forStream != null
        && command.name().equals("onStatus")
        && command.argument(0) instanceof Map<?, ?> info) {
      forStream.accept((Map<String, Object>) info);
    }
  }

  /** Reports a failed connect; true if the server refused it, whose close is then reported. */
  private boolean refused(URI uri, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RtmpStatusException status) {
      // Flash Player reports the server's refusal, then the end of the connection.
      listener.onStatus(status.info());
      return true;
    }
    String description =
        cause instanceof TimeoutException
            ? "No answer from " + uri + " within the connect timeout"
            : "Cannot connect to " + uri + ": " + cause.getMessage();
    log.debug("NetConnection to {} failed: {}", uri, description);
    listener.onStatus(
        AmfObject.of(
            "level", "error", "code", "NetConnection.Connect.Failed", "description", description));
    return false;
  }

  @Override
  public void call(String method, List<Object> args, ClientHandle.CallResultListener result) {
    client
        .call(method, args.toArray())
        .whenComplete(
            (value, failure) -> {
              if (result == null) {
                return;
              }
              if (failure == null) {
                result.onResult(value);
              } else {
                result.onStatus(callFailure(failure));
              }
            });
  }

  private static Map<String, Object> callFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RtmpStatusException status) {
      return status.info();
    }
    return AmfObject.of(
        "level",
        "error",
        "code",
        "NetConnection.Call.Failed",
        "description",
        String.valueOf(cause.getMessage()));
  }

  /** {@code new NetStream(nc)}: publishes one of the instance's live streams to the far server. */
  @Override
  public NetConnectionHost.OutgoingStream createStream(Consumer<Map<String, Object>> onStatus) {
    return new RemotePublication(this, streams, onStatus);
  }

  /** The connection's client, to play the far server's streams ({@link RemoteStreamSource}). */
  RtmpClient client() {
    return client;
  }

  /**
   * Passes the {@code onStatus} information objects of stream {@code streamId} to {@code listener}.
   */
  void onStreamStatus(int streamId, Consumer<Map<String, Object>> listener) {
    streamStatus.put(streamId, listener);
  }

  /** Deletes a stream of this connection; its status events stop. */
  void deleteStream(ClientStream stream) {
    streamStatus.remove(stream.streamId());
    stream.deleteStream();
  }

  @Override
  public void close() {
    client.close();
  }
}
