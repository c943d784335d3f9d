package org.nimbusmedia.rtmfp.meeting;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.nimbusmedia.rtmfp.fallback.ServerConnection;
import org.nimbusmedia.rtmfp.flash.DirectStreams;
import org.nimbusmedia.rtmfp.flash.FlowCommands;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this participant plays one other participant's stream: from the server, directly, or both
 * while the pair tries direct, as the plan's path says, and what it reports of the direct stream.
 * Switching is make-before-break: a player keeps its direct stream while the server one starts.
 *
 * <p>Runs on the meeting client's thread except {@link #received}, which runs on I/O threads.
 */
final class Incoming {
  private static final Logger LOG = LoggerFactory.getLogger(Incoming.class);

  /**
   * How long after a refused direct play it is asked again. A newcomer's plan reaches it and the
   * others at about the same time, so another participant's play can arrive before the newcomer
   * publishes directly, and the newcomer answers {@code NetStream.Play.StreamNotFound}.
   */
  static final long REPLAY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private static final String STREAM_NOT_FOUND = "NetStream.Play.StreamNotFound";

  private final Participant publisher;
  private final ServerConnection connection;
  private final Executor control;
  private final MeetingListener listener;
  private final BiConsumer<Participant, Boolean> report;
  private final DirectProbe probe = new DirectProbe();
  private PairPath path;
  private Duration timeout = Duration.ZERO;
  private boolean reported;
  private boolean serverWanted;
  private boolean serverRequested;
  private ServerConnection.Subscription fromServer;
  private boolean directRequested;
  private DirectStreams directStreams;
  private Session directSession;
  // Set on an I/O thread when the publisher refuses the direct play; read on the control thread.
  private volatile long refusedAt = -1;
  private final FlowCommands commands = new FlowCommands(AmfLimits.DEFAULT);
  private volatile boolean active = true;

  /**
   * @param report tells the server whether the direct stream plays ({@code meetingDirect})
   */
  Incoming(
      Participant publisher,
      ServerConnection connection,
      Executor control,
      MeetingListener listener,
      BiConsumer<Participant, Boolean> report) {
    this.publisher = publisher;
    this.connection = connection;
    this.control = control;
    this.listener = listener;
    this.report = report;
  }

  /** Plays by {@code newPath}; a new path restarts the judgement of the direct stream. */
  void follow(PairPath newPath, Duration newTimeout) {
    timeout = newTimeout;
    if (newPath == path) {
      return;
    }
    path = newPath;
    probe.restart(System.nanoTime());
    reported = false;
    switch (newPath) {
      case RELAY -> playFromServer(true);
      case TRYING -> {
        playFromServer(true);
        playDirect();
      }
      case DIRECT -> {
        playDirect();
        playFromServer(false);
      }
    }
  }

  private void playFromServer(boolean wanted) {
    serverWanted = wanted;
    if (wanted && fromServer == null && !serverRequested) {
      serverRequested = true;
      connection
          .play(publisher.stream(), media -> received(MediaPath.SERVER, media))
          .whenComplete((subscription, failure) -> control.execute(() -> started(subscription)));
    } else if (!wanted && fromServer != null) {
      fromServer.close();
      fromServer = null;
    }
  }

  private void started(ServerConnection.Subscription subscription) {
    serverRequested = false;
    if (subscription == null) {
      LOG.info(
          "playing {} from {} failed; the next plan tries again", publisher.stream(), connection);
    } else if (serverWanted && active) {
      fromServer = subscription;
    } else {
      subscription.close();
    }
  }

  private void playDirect() {
    DirectStreams directStreams = connection.directStreams();
    if (directRequested || directStreams == null || publisher.peerId().isEmpty()) {
      return;
    }
    directRequested = true;
    connection
        .connectPeer(publisher.peerIdBytes())
        .whenComplete(
            (session, failure) -> control.execute(() -> directSession(directStreams, session)));
  }

  private void directSession(DirectStreams directStreams, Session session) {
    if (session == null) {
      directRequested = false; // the next plan that wants it tries again
      return;
    }
    this.directStreams = directStreams;
    this.directSession = session;
    directStreams.play(session, publisher.stream(), this::directMessage);
  }

  /** Asks for the direct stream again once a refusal is {@link #REPLAY_DELAY_NANOS} old. */
  private void replayIfRefused(long now) {
    long refused = refusedAt;
    if (refused < 0 || now - refused < REPLAY_DELAY_NANOS || directSession == null || !active) {
      return;
    }
    refusedAt = -1;
    LOG.debug("playing {} directly again after {}", publisher.stream(), STREAM_NOT_FOUND);
    try {
      directStreams.play(directSession, publisher.stream(), this::directMessage);
    } catch (RuntimeException e) {
      // The peer endpoint has closed; the direct timeout reports the stream failed.
      LOG.info("could not play {} directly again: {}", publisher.stream(), e.toString());
    }
  }

  private void directMessage(FlowMessage message) {
    if (FlowCommands.isCommand(message) && refusal(message)) {
      refusedAt = System.nanoTime();
      return;
    }
    if (message.type() == MessageType.AUDIO || message.type() == MessageType.VIDEO) {
      ReceivedMedia.Kind kind =
          message.type() == MessageType.AUDIO ? ReceivedMedia.Kind.AUDIO : ReceivedMedia.Kind.VIDEO;
      received(
          MediaPath.DIRECT,
          new ReceivedMedia(
              kind,
              DirectStreams.DIRECT_STREAM_ID,
              message.timestamp(),
              message.payload(),
              List.of()));
    }
  }

  /** Whether a command from the publisher is its {@code onStatus} refusing the play. */
  private boolean refusal(FlowMessage message) {
    try {
      Command command = commands.decode(message, DirectStreams.DIRECT_STREAM_ID);
      return "onStatus".equals(command.name())
          && command.argument(0) instanceof Map<?, ?> info
          && STREAM_NOT_FOUND.equals(info.get("code"));
    } catch (AmfException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Audio and video go to the application; data messages (metadata) do not. */
  private void received(MediaPath via, ReceivedMedia media) {
    if (!active || media.kind() == ReceivedMedia.Kind.DATA) {
      return;
    }
    if (via == MediaPath.DIRECT) {
      probe.arrived(System.nanoTime());
    }
    listener.mediaReceived(publisher, via, media);
  }

  /** Reports the direct stream once per path: playing once it flows, failed after the timeout. */
  void check(long now) {
    if (reported || path == PairPath.RELAY) {
      return;
    }
    replayIfRefused(now);
    if (path == PairPath.TRYING && probe.playing()) {
      reported = true;
      report.accept(publisher, true);
    } else if (probe.silent(now, timeout)) {
      reported = true;
      report.accept(publisher, false);
    }
  }

  /** Stops playing and passing media on. */
  void stop() {
    active = false;
    playFromServer(false);
  }
}
