package org.nimbusmedia.rtmfp.flash;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmfp.wire.WireWriter;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flash's direct peer-to-peer NetStreams ({@code NetStream.DIRECT_CONNECTIONS}) on top of an {@link
 * RtmfpClient}, in Flash Player's wire format, so that our client plays what Flash or librtmfp
 * publishes directly and the other way round. The server only introduced the two peers.
 *
 * <p>The subscriber opens, on its session with the publisher, a flow whose TC metadata names stream
 * {@value #DIRECT_STREAM_ID} ({@code 54 43 04 FA 89 01}: Flash numbers direct NetStreams from
 * 2,000,001) and sends the AMF0 command {@code play, 0, null, name} on it. The publisher decides it
 * with {@code onPeerConnect} and {@code maxPeerConnections} (8 in Flash) and answers on three flows
 * of that stream, each associated with the subscriber's flow: one for data and status (User Control
 * Stream Begin with the stream number, {@code onStatus NetStream.Play.Reset} and {@code
 * NetStream.Play.Start}, then {@code |RtmpSampleAccess}), one for audio and one for video.
 * librtmfp, which copies Flash's format, documents the same exchange in its {@code P2PSession} (RFC
 * 7425 describes the flows and metadata, section 5, but not this exchange).
 */
public final class DirectStreams {
  private static final Logger LOG = LoggerFactory.getLogger(DirectStreams.class);

  /** Flash's default {@code NetStream.maxPeerConnections}. */
  public static final int DEFAULT_MAX_PEER_CONNECTIONS = 8;

  /** The stream number of a direct NetStream: the first Flash gives a NetStream on a peer. */
  public static final int DIRECT_STREAM_ID = 2_000_001;

  /** How long audio and video may wait for an acknowledgement before a flow abandons them. */
  private static final Duration MEDIA_LIFETIME = Duration.ofSeconds(2);

  /** User Control event 0 (RTMP): the stream is functional. */
  private static final int STREAM_BEGIN = 0;

  /** Status and data go before media on the wire. */
  private static final int DATA_PRIORITY = 1;

  private static final int AUDIO_PRIORITY = 2;
  private static final int VIDEO_PRIORITY = 3;

  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private final Map<String, Publication> publications = new ConcurrentHashMap<>();
  private final Map<PlayFlow, Consumer<FlowMessage>> playing = new ConcurrentHashMap<>();

  /**
   * A play request this end sent: the publisher's answering flows name it as their return flow, so
   * one session can carry plays both ways (a video call) and several streams.
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
   * every status, data, audio and video message the publisher sends for it goes to {@code
   * messages}, {@code onStatus} first. Stream Begin is the flows' business and is not passed on.
   */
  public void play(Session publisher, String name, Consumer<FlowMessage> messages) {
    long flow = publisher.openFlow(new TcMetadata(DIRECT_STREAM_ID, false).encode(), -1, 1);
    playing.put(new PlayFlow(publisher, flow), messages);
    Command play = Command.of("play", 0, null, name).onStream(DIRECT_STREAM_ID);
    publisher.send(flow, commands.encode(play).encode());
  }

  private void received(Session peer, ReceiveFlow flow, FlowMessage message) {
    Consumer<FlowMessage> player = playing.get(new PlayFlow(peer, flow.returnFlowId()));
    if (player != null) {
      if (message.type() != MessageType.USER_CONTROL) {
        player.accept(message);
      }
      return;
    }
    TcMetadata metadata = TcMetadata.decode(flow.metadata());
    if (metadata == null || !FlowCommands.isCommand(message)) {
      return;
    }
    Command command;
    try {
      command = commands.decode(message, metadata.streamId());
    } catch (AmfException | IllegalArgumentException e) {
      LOG.info(
          "closing direct session with a peer that sent a malformed command: {}", e.toString());
      peer.close();
      return;
    }
    if ("play".equals(command.name()) && command.argument(0) instanceof String name) {
      Subscriber subscriber = new Subscriber(peer, metadata.streamId(), flow.flowId());
      Publication publication = publications.get(name);
      if (publication == null) {
        subscriber.refuse("NetStream.Play.StreamNotFound", name);
      } else {
        publication.subscribe(subscriber);
      }
    }
  }

  /** The three flows that answer one subscriber's play flow. */
  private final class Subscriber {
    private final Session peer;
    private final int streamId;
    private final long dataFlow;
    private final long audioFlow;
    private final long videoFlow;

    private Subscriber(Session peer, int streamId, long playFlow) {
      this.peer = peer;
      this.streamId = streamId;
      byte[] metadata = new TcMetadata(streamId, false).encode();
      this.dataFlow = peer.openFlow(metadata, playFlow, DATA_PRIORITY);
      this.audioFlow = peer.openFlow(metadata, playFlow, AUDIO_PRIORITY);
      this.videoFlow = peer.openFlow(metadata, playFlow, VIDEO_PRIORITY);
    }

    void start(String name) {
      byte[] begin = new WireWriter().u16(STREAM_BEGIN).u32(streamId).toByteArray();
      peer.send(dataFlow, new FlowMessage(MessageType.USER_CONTROL, 0, begin).encode());
      status("status", "NetStream.Play.Reset", "Playing and resetting " + name + ".");
      status("status", "NetStream.Play.Start", "Started playing " + name + ".");
      // FMS's default: the player's scripts may not read the samples (BitmapData.draw).
      peer.send(dataFlow, commands.encodeData("|RtmpSampleAccess", false, false).encode());
    }

    void refuse(String code, String name) {
      status("error", code, name);
      peer.closeFlow(audioFlow);
      peer.closeFlow(videoFlow);
      peer.closeFlow(dataFlow);
    }

    void send(FlowMessage message) {
      byte[] bytes = message.encode();
      switch (message.type()) {
        case MessageType.AUDIO -> peer.send(audioFlow, bytes, MEDIA_LIFETIME);
        case MessageType.VIDEO -> peer.send(videoFlow, bytes, MEDIA_LIFETIME);
        default -> peer.send(dataFlow, bytes);
      }
    }

    private void status(String level, String code, String description) {
      AmfObject info = AmfObject.of("level", level, "code", code, "description", description);
      Command status = Command.of("onStatus", 0, null, info).onStream(streamId);
      peer.send(dataFlow, commands.encode(status).encode());
    }
  }

  /** One direct stream being published. */
  public final class Publication {
    private final String name;
    private final Predicate<byte[]> onPeerConnect;
    private final int maxPeerConnections;
    private final Map<Session, Subscriber> subscribers = new ConcurrentHashMap<>();

    private Publication(String name, Predicate<byte[]> onPeerConnect, int maxPeerConnections) {
      this.name = name;
      this.onPeerConnect = onPeerConnect;
      this.maxPeerConnections = maxPeerConnections;
    }

    private synchronized void subscribe(Subscriber subscriber) {
      Session peer = subscriber.peer;
      if (subscribers.size() >= maxPeerConnections || !onPeerConnect.test(peer.farPeerId())) {
        subscriber.refuse("NetStream.Connect.Rejected", name);
        return;
      }
      subscribers.put(peer, subscriber);
      subscriber.start(name);
    }

    /**
     * Sends audio and video (partially reliable) and data (reliable) to every subscriber, each on
     * its own flow.
     */
    public void send(FlowMessage message) {
      subscribers.values().forEach(subscriber -> subscriber.send(message));
    }

    /** The peer sessions served now. */
    public Set<Session> subscribers() {
      return Set.copyOf(subscribers.keySet());
    }
  }
}
