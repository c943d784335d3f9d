package org.nimbusmedia.rtmfp.flash;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;

/**
 * A minimal version of Flash's direct peer-to-peer NetStreams ({@code
 * NetStream.DIRECT_CONNECTIONS}) on top of an {@link RtmfpClient}: a publisher offers named streams
 * to the peers that open sessions to it, deciding each subscriber with {@code onPeerConnect} and a
 * {@code maxPeerConnections} bound (8 in Flash); a subscriber sends {@code play(name)} on a flow of
 * its session with the publisher and receives {@code onStatus} and the media on the publisher's
 * flows that answer it. The server only introduced the two peers.
 *
 * <p>The commands mirror the client-server ones (RFC 7425 section 5.3); Flash's own peer protocol
 * is not documented, so only our clients speak this.
 */
public final class DirectStreams {
  /** Flash's default {@code NetStream.maxPeerConnections}. */
  public static final int DEFAULT_MAX_PEER_CONNECTIONS = 8;

  /** How long audio and video may wait for an acknowledgement before a flow abandons them. */
  private static final Duration MEDIA_LIFETIME = Duration.ofSeconds(2);

  private static final int STREAM_ID = 1;

  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Map<String, Publication> publications = new ConcurrentHashMap<>();
  private final Map<PlayFlow, Consumer<FlowMessage>> playing = new ConcurrentHashMap<>();

  /**
   * A {@code play} sent on {@code flowId} of {@code session}: the publisher answers on flows that
   * return to it (RFC 7016 section 2.3.11.1.2). Two peers that play each other may share one
   * session (glare, RFC 7016 section 3.5.1.3), so the flow, not the session, tells the answers to
   * our plays from the other's plays.
   */
  private record PlayFlow(Session session, long flowId) {}

  /** Serves and plays direct streams through {@code client}'s peer sessions. */
  public DirectStreams(RtmfpClient client) {
    client.onPeerMessage(this::received);
  }

  /**
   * {@code new NetStream(nc, NetStream.DIRECT_CONNECTIONS).publish(name)}.
   *
   * @param onPeerConnect decides each subscriber by its peer ID
   * @param maxPeerConnections subscribers served at once
   */
  public Publication publish(String name, Predicate<byte[]> onPeerConnect, int maxPeerConnections) {
    Publication publication = new Publication(name, onPeerConnect, maxPeerConnections);
    publications.put(name, publication);
    return publication;
  }

  /**
   * {@code new NetStream(nc, publisherPeerId).play(name)} on an open session with the publisher:
   * every message the publisher sends for it, {@code onStatus} first, goes to {@code messages}.
   */
  public void play(Session publisher, String name, Consumer<FlowMessage> messages) {
    long flow = publisher.openFlow(new TcMetadata(STREAM_ID, false).encode(), -1, 1);
    playing.put(new PlayFlow(publisher, flow), messages);
    Command play = Command.of("play", 0, null, name).onStream(STREAM_ID);
    publisher.send(flow, commands.encode(play).encode());
  }

  private void received(Session peer, ReceiveFlow flow, FlowMessage message) {
    Consumer<FlowMessage> player = playing.get(new PlayFlow(peer, flow.returnFlowId()));
    if (player != null) {
      player.accept(message);
      return;
    }
    if (!FlowCommands.isCommand(message)) {
      return;
    }
    Command command = commands.decode(message, STREAM_ID);
    if ("play".equals(command.name()) && command.argument(0) instanceof String name) {
      Publication publication = publications.get(name);
      long answer = peer.openFlow(new TcMetadata(STREAM_ID, false).encode(), flow.flowId(), 1);
      if (publication == null) {
        status(peer, answer, "error", "NetStream.Play.StreamNotFound", name);
      } else {
        publication.subscribe(peer, answer);
      }
    }
  }

  private void status(Session peer, long flow, String level, String code, String name) {
    AmfObject info = AmfObject.of("level", level, "code", code, "description", name);
    Command status = Command.of("onStatus", 0, null, info).onStream(STREAM_ID);
    peer.send(flow, commands.encode(status).encode());
  }

  /** One direct stream being published. */
  public final class Publication {
    private final String name;
    private final Predicate<byte[]> onPeerConnect;
    private final int maxPeerConnections;
    private final Map<Session, Long> subscribers = new ConcurrentHashMap<>();

    private Publication(String name, Predicate<byte[]> onPeerConnect, int maxPeerConnections) {
      this.name = name;
      this.onPeerConnect = onPeerConnect;
      this.maxPeerConnections = maxPeerConnections;
    }

    private synchronized void subscribe(Session peer, long flow) {
      if (subscribers.size() >= maxPeerConnections || !onPeerConnect.test(peer.farPeerId())) {
        status(peer, flow, "error", "NetStream.Connect.Rejected", name);
        peer.closeFlow(flow);
        return;
      }
      subscribers.put(peer, flow);
      status(peer, flow, "status", "NetStream.Play.Start", name);
    }

    /** Sends audio or video (partially reliable) or data (reliable) to every subscriber. */
    public void send(FlowMessage message) {
      boolean media = message.type() == 0x08 || message.type() == 0x09;
      byte[] bytes = message.encode();
      subscribers.forEach((peer, flow) -> peer.send(flow, bytes, media ? MEDIA_LIFETIME : null));
    }

    /** The peer sessions served now. */
    public Set<Session> subscribers() {
      return Set.copyOf(subscribers.keySet());
    }
  }
}
