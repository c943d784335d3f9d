package org.nimbusmedia.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.RtmfpClient;
import org.nimbusmedia.rtmfp.session.RtmfpConfig;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;

/**
 * One player over RTMFP ({@link RtmfpClient}, its own UDP socket): connects as Flash Player 10
 * does, creates a stream and plays; the audio and video messages go to its {@link Reception}.
 * Playing starts with the server's {@code NetStream.Play.Start}.
 */
final class RtmfpPlayer extends AbstractPlayer {
  /** RTMFP's registered port (RFC 7016 section 4.1), when the URL names none. */
  static final int DEFAULT_PORT = 1935;

  private final RtmfpClient client;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final CompletableFuture<Void> playStarted = new CompletableFuture<>();

  RtmfpPlayer(EventLoopGroup group, LoadStats stats) {
    super(stats);
    this.client = RtmfpClient.create(group, RtmfpConfig.defaults(), Clock.systemUTC());
    client.onMessage(this::received);
  }

  @Override
  public CompletableFuture<Void> start(URI appUrl, String streamName) {
    InetSocketAddress server =
        new InetSocketAddress(
            appUrl.getHost(), appUrl.getPort() < 0 ? DEFAULT_PORT : appUrl.getPort());
    String app = appUrl.getPath().substring(1);
    return track(
        client
            .connect(server, appUrl.toString(), app)
            .thenCompose(
                result -> {
                  if (!result.name().equals("_result")) {
                    throw new IllegalStateException("connect refused: " + result);
                  }
                  return client.createStream();
                })
            .thenCompose(
                streamId -> {
                  client.play(streamId, streamName);
                  return playStarted;
                }));
  }

  private void received(int streamId, FlowMessage message) {
    if (message.type() == MessageType.AUDIO || message.type() == MessageType.VIDEO) {
      reception.frame(
          message.type() == MessageType.VIDEO,
          Unpooled.wrappedBuffer(message.payload()),
          System.nanoTime());
    } else if (!playStarted.isDone() && FlowCommands.isCommand(message)) {
      Command command = commands.decode(message, streamId);
      if (command.name().equals("onStatus") && command.argument(0) instanceof AmfObject info) {
        Object code = info.get("code");
        if ("NetStream.Play.Start".equals(code)) {
          playStarted.complete(null);
        } else if ("error".equals(info.get("level"))) {
          playStarted.completeExceptionally(new IllegalStateException("play failed: " + code));
        }
      }
    }
  }

  @Override
  protected void closeConnection() {
    client.close();
  }

  @Override
  protected CompletableFuture<Void> connectionClosed() {
    return client.closed();
  }

  @Override
  protected boolean isConnectionOpen() {
    return client.isConnected();
  }

  @Override
  protected Throwable lostReason() {
    return new IllegalStateException("RTMFP session closed");
  }
}
