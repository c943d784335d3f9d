package org.nimbusmedia.bench.load;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.MediaListener;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.VideoMessage;

/**
 * One player over RTMP or RTMPT ({@link RtmpClient}): connects, creates a stream and plays; the
 * frames go to its {@link Reception}.
 */
final class Subscriber extends AbstractPlayer implements MediaListener {

  private final RtmpClient client;

  Subscriber(EventLoopGroup group, RtmpClientConfig config, LoadStats stats) {
    super(stats);
    this.client = new RtmpClient(group, config);
  }

  @Override
  public CompletableFuture<Void> start(URI appUrl, String streamName) {
    return track(
        client
            .connect(appUrl)
            .thenCompose(info -> client.createStream())
            .thenCompose(stream -> stream.onMedia(this).play(streamName)));
  }

  @Override
  public void onMedia(ClientStream stream, MediaMessage message) {
    reception.frame(message instanceof VideoMessage, message.content(), System.nanoTime());
  }

  @Override
  protected void closeConnection() {
    client.close();
  }

  @Override
  protected CompletableFuture<Void> connectionClosed() {
    return client.closeFuture();
  }

  @Override
  protected boolean isConnectionOpen() {
    return client.isConnected();
  }

  @Override
  protected Throwable lostReason() {
    Throwable reason = client.closeReason();
    return reason != null ? reason : new IllegalStateException("closed by the server");
  }
}
