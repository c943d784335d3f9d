package org.nimbusmedia.server.rtmp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.nimbusmedia.server.stream.StreamPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An RTMP NetStream that publishes, as the live stream bus sees it. */
final class RtmpPublisher implements StreamPublisher {
  private static final Logger log = LoggerFactory.getLogger(RtmpPublisher.class);

  private final RtmpSession session;
  private final RtmpNetStream stream;

  RtmpPublisher(RtmpSession session, RtmpNetStream stream) {
    this.session = session;
    this.stream = stream;
  }

  @Override
  public String describe() {
    return session.toString();
  }

  @Override
  public CompletableFuture<Boolean> probeAlive(Duration timeout) {
    return session.ping(timeout);
  }

  /** A newer publisher took the name because this one did not answer: its connection is dead. */
  @Override
  public void onTakenOver(String streamName) {
    session
        .channel()
        .eventLoop()
        .execute(
            () -> {
              log.info("Closing {}: stream {} was taken over", session, streamName);
              stream.forgetPublication();
              session.channel().close();
            });
  }
}
