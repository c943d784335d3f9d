package org.nimbusmedia.rtmfp.meeting;

import java.util.concurrent.Executor;
import org.nimbusmedia.rtmfp.fallback.ServerConnection;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmp.message.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This participant's stream, sent where the plan says: published to the server, directly to its
 * peers (RTMFP only), or both. Switching is make-before-break: while the server publication starts,
 * frames keep going directly, so a subscriber moving to the relay misses nothing it could have had.
 *
 * <p>{@link #follow} and {@link #stop} run on the meeting client's thread; {@link #send} on the
 * application's.
 */
final class Outgoing {
  private static final Logger LOG = LoggerFactory.getLogger(Outgoing.class);

  private final ServerConnection connection;
  private final Executor control;
  private final Runnable keyframeWanted;
  private String stream = "";
  private boolean serverWanted;
  private boolean directWanted;
  private boolean serverRequested;
  private volatile ServerConnection.Publication toServer;
  private volatile DirectStreams.Publication direct;
  private volatile boolean sendDirect;

  Outgoing(ServerConnection connection, Executor control, Runnable keyframeWanted) {
    this.connection = connection;
    this.control = control;
    this.keyframeWanted = keyframeWanted;
  }

  /** Publishes {@code name} to the server and/or directly as a plan says. */
  void follow(String name, boolean server, boolean directly) {
    stream = name;
    serverWanted = server;
    directWanted = directly;
    if (server && toServer == null && !serverRequested) {
      serverRequested = true;
      connection
          .publish(name)
          .whenComplete((publication, failure) -> control.execute(() -> started(publication)));
    } else if (!server && toServer != null) {
      toServer.close();
      toServer = null;
    }
    DirectStreams directStreams = connection.directStreams();
    if (directly && direct == null && directStreams != null) {
      direct =
          directStreams.publish(name, peer -> true, DirectStreams.DEFAULT_MAX_PEER_CONNECTIONS);
    }
    sendDirect = directly || (server && toServer == null);
  }

  /** A server publication started (or failed: null), perhaps after the plan changed again. */
  private void started(ServerConnection.Publication publication) {
    serverRequested = false;
    if (publication == null) {
      LOG.info("publishing {} to {} failed; the next plan tries again", stream, connection);
      return;
    }
    if (!serverWanted || !publication.name().equals(stream)) {
      publication.close();
      return;
    }
    toServer = publication;
    keyframeWanted.run();
    sendDirect = directWanted;
  }

  /** Stops publishing, to the server and directly. */
  void stop() {
    follow(stream, false, false);
  }

  /** Sends one audio or video message (an FLV tag body) on every path in use. */
  void send(boolean audio, long timestamp, byte[] payload) {
    ServerConnection.Publication server = toServer;
    if (server != null) {
      if (audio) {
        server.sendAudio(timestamp, payload);
      } else {
        server.sendVideo(timestamp, payload);
      }
    }
    DirectStreams.Publication peers = direct;
    if (sendDirect && peers != null) {
      peers.send(
          new FlowMessage(audio ? MessageType.AUDIO : MessageType.VIDEO, timestamp, payload));
    }
  }
}
