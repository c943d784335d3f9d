package org.nimbusmedia.server.rtmp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MediaMessage;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.scripting.ApplicationScript;
import org.nimbusmedia.server.log.AccessLog;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.LiveStream;
import org.nimbusmedia.server.stream.LiveStreamRegistry;
import org.nimbusmedia.server.stream.StreamFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NetStream of an RTMP connection (the message stream id that {@code createStream} returned):
 * idle, publishing a live stream or playing one. Only touched on the connection's event loop.
 */
final class RtmpNetStream {
  private static final Logger log = LoggerFactory.getLogger(RtmpNetStream.class);

  /** What the NetStream does now. */
  enum Mode {
    IDLE,
    /** publish() sent, waiting for the bus to grant the name. */
    CLAIMING,
    PUBLISHING,
    PLAYING
  }

  private final RtmpSession session;
  private final int id;
  private Mode mode = Mode.IDLE;
  private String streamName;
  private RtmpPublisher publisher;
  private LiveStream published;
  private RtmpSubscriber subscriber;
  private PlayRequest playing;
  private boolean paused;

  /** The arguments of the play that is running, kept for pause and receiveVideo. */
  record PlayRequest(String name, long maxDuration) {}

  RtmpNetStream(RtmpSession session, int id) {
    this.session = session;
    this.id = id;
  }

  int id() {
    return id;
  }

  Mode mode() {
    return mode;
  }

  String streamName() {
    return streamName;
  }

  private ApplicationScript script() {
    return session.instance().script();
  }

  private LiveStreamRegistry registry() {
    return session.instance().streams();
  }

  // ---- publishing

  /** {@code publish(name, type)}: asks the bus for the name; answers when it decides. */
  void publish(String name, String type) {
    stopEverything(true);
    if (name.isEmpty()) {
      session.onStatus(
          id,
          Status.stream(
              "error", "NetStream.Publish.BadName", "No stream name.", name, session.id()));
      return;
    }
    if (!AccessPaths.allows(script().writeAccess(session.handle()), name)) {
      session.onStatus(
          id,
          Status.stream(
              "error",
              "NetStream.Publish.BadName",
              "Access denied: the application does not let this client publish " + name + ".",
              name,
              session.id()));
      return;
    }
    mode = Mode.CLAIMING;
    streamName = name;
    publisher = new RtmpPublisher(session, this);
    RtmpPublisher claimant = publisher;
    registry()
        .claim(name, claimant)
        .whenComplete(
            (result, failure) ->
                session
                    .channel()
                    .eventLoop()
                    .execute(() -> claimDecided(claimant, name, type, result)));
  }

  private void claimDecided(
      RtmpPublisher claimant, String name, String type, LiveStreamRegistry.PublishResult result) {
    boolean stillWanted =
        mode == Mode.CLAIMING && publisher == claimant && session.channel().isActive();
    if (result != LiveStreamRegistry.PublishResult.GRANTED) {
      if (stillWanted) {
        mode = Mode.IDLE;
        publisher = null;
        session.onStatus(
            id,
            Status.stream(
                "error",
                "NetStream.Publish.BadName",
                name + " is already being published.",
                name,
                session.id()));
      }
      return;
    }
    if (!stillWanted) {
      registry().release(name, claimant);
      return;
    }
    mode = Mode.PUBLISHING;
    published = registry().find(name).orElse(null);
    session.channel().write(new UserControlEvent.StreamBegin(id));
    String description = name + " is now published.";
    if (!"live".equals(type)) {
      // Recording arrives with its own issue; until then say plainly what happened.
      description += " Recording (" + type + ") is not available yet: published live only.";
    }
    session.onStatus(
        id, Status.stream("status", "NetStream.Publish.Start", description, name, session.id()));
    log.info("{} publishes {}/{} ({})", session, session.instance().address(), name, type);
    session.observers().accessLog().publish(session.loggedClient(), id, name);
    script().publish(session.handle(), name, "");
  }

  void onMedia(MediaMessage media) {
    if (mode != Mode.PUBLISHING || published == null) {
      return;
    }
    FrameKind kind = media instanceof AudioMessage ? FrameKind.AUDIO : FrameKind.VIDEO;
    published.publish(
        publisher, new StreamFrame(kind, media.timestamp(), media.content().retainedDuplicate()));
  }

  /**
   * A data message from the publisher: {@code @setDataFrame} sets the metadata new players get,
   * {@code @clearDataFrame} clears it, anything else goes to the players as it is.
   */
  void onData(DataMessage data) {
    if (mode != Mode.PUBLISHING || published == null) {
      return;
    }
    List<Object> values = data.values();
    switch (data.name()) {
      case "@setDataFrame" -> {
        if (values.size() > 1) {
          published.setMetadata(
              publisher, dataFrame(data.timestamp(), values.subList(1, values.size())));
        }
      }
      case "@clearDataFrame" -> published.clearMetadata(publisher);
      case "onMetaData" -> published.setMetadata(publisher, dataFrame(data.timestamp(), values));
      default -> published.publish(publisher, dataFrame(data.timestamp(), values));
    }
  }

  private StreamFrame dataFrame(long timestamp, List<Object> values) {
    ByteBuf body = session.encodeData(values);
    return new StreamFrame(FrameKind.DATA, timestamp, body);
  }

  /** The publication was taken over by a newer publisher; the bus already forgot it. */
  void forgetPublication() {
    if (mode == Mode.PUBLISHING) {
      mode = Mode.IDLE;
      published = null;
      publisher = null;
    }
  }

  private void unpublish(boolean notify) {
    String name = streamName;
    registry().release(name, publisher);
    publisher = null;
    published = null;
    mode = Mode.IDLE;
    if (notify) {
      session.onStatus(
          id,
          Status.stream(
              "status",
              "NetStream.Unpublish.Success",
              name + " is now unpublished.",
              name,
              session.id()));
    }
    log.info("{} stopped publishing {}/{}", session, session.instance().address(), name);
    session.observers().accessLog().unpublish(session.loggedClient(), id, name);
    script().unpublish(session.handle(), name);
  }

  // ---- playing

  /**
   * {@code play(name, start, len, reset)}: FMS's reply sequence is StreamBegin, Play.Reset (when
   * resetting), Play.Start, {@code |RtmpSampleAccess}, NetStream.Data.Start, then the media.
   *
   * @param maxDuration {@code len} in milliseconds; negative plays to the end
   */
  void play(String name, long maxDuration, boolean reset, boolean requireLive) {
    stopEverything(true);
    if (!AccessPaths.allows(script().readAccess(session.handle()), name)) {
      session.onStatus(
          id,
          Status.stream(
              "error",
              "NetStream.Play.Failed",
              "Access denied: the application does not let this client play " + name + ".",
              name,
              session.id()));
      session
          .observers()
          .accessLog()
          .play(session.loggedClient(), id, name, AccessLog.REJECTED_BY_SCRIPT);
      return;
    }
    if (requireLive && !registry().find(name).map(LiveStream::isPublished).orElse(false)) {
      session.onStatus(
          id,
          Status.stream(
              "error",
              "NetStream.Play.StreamNotFound",
              "Failed to play " + name + "; stream not found.",
              name,
              session.id()));
      session.observers().accessLog().play(session.loggedClient(), id, name, AccessLog.NOT_FOUND);
      return;
    }
    mode = Mode.PLAYING;
    streamName = name;
    playing = new PlayRequest(name, maxDuration);
    // Subscribe before the statuses go out: a client that acts on Play.Start is already a
    // subscriber. The cached start of the stream drains in a later event loop task, after them.
    subscribe();
    session.channel().write(new UserControlEvent.StreamBegin(id));
    if (reset) {
      session.onStatus(
          id,
          Status.stream(
              "status",
              "NetStream.Play.Reset",
              "Playing and resetting " + name + ".",
              name,
              session.id()));
    }
    session.onStatus(
        id,
        Status.stream(
            "status", "NetStream.Play.Start", "Started playing " + name + ".", name, session.id()));
    sendData(List.of("|RtmpSampleAccess", false, false));
    sendData(List.of("onStatus", AmfObject.of("code", "NetStream.Data.Start")));
    session.observers().accessLog().play(session.loggedClient(), id, name, AccessLog.OK);
  }

  private void subscribe() {
    subscriber =
        new RtmpSubscriber(
            session, id, session.settings().subscriberQueue(), playing.maxDuration());
    registry().subscribe(playing.name(), subscriber);
  }

  private void unsubscribe() {
    if (subscriber != null) {
      registry().unsubscribe(playing.name(), subscriber);
      subscriber.stop();
      subscriber = null;
    }
  }

  private void sendData(List<Object> values) {
    session.channel().writeAndFlush(new DataMessage(id, 0, values, ObjectEncoding.AMF0));
  }

  /** {@code play2} with a transition: switch/swap move to another stream at its next keyframe. */
  void switchTo(String newName) {
    if (mode != Mode.PLAYING) {
      play(newName, -1, true, false);
      return;
    }
    unsubscribe();
    streamName = newName;
    playing = new PlayRequest(newName, playing.maxDuration());
    session.onStatus(
        id,
        Status.stream(
            "status",
            "NetStream.Play.Transition",
            "Transitioning to " + newName + ".",
            newName,
            session.id()));
    subscribe();
  }

  /** {@code pause(true|false)}: a paused live player gets nothing and resumes at a keyframe. */
  void pause(boolean pause) {
    if (mode != Mode.PLAYING || pause == paused) {
      return;
    }
    paused = pause;
    if (pause) {
      unsubscribe();
      session.onStatus(
          id,
          Status.stream(
              "status",
              "NetStream.Pause.Notify",
              "Pausing " + streamName + ".",
              streamName,
              session.id()));
    } else {
      session.onStatus(
          id,
          Status.stream(
              "status",
              "NetStream.Unpause.Notify",
              "Unpausing " + streamName + ".",
              streamName,
              session.id()));
      subscribe();
    }
  }

  /** The socket can take more: write what waits for this player. */
  void writable() {
    if (subscriber != null) {
      subscriber.drainWhileWritable();
    }
  }

  void receiveAudio(boolean receive) {
    if (subscriber != null) {
      subscriber.receiveAudio(receive);
    }
  }

  void receiveVideo(boolean receive) {
    if (subscriber != null) {
      subscriber.receiveVideo(receive);
    }
  }

  /** Ends playback: Play.Stop, as for {@code len} reached or {@code closeStream}. */
  void stopPlay(boolean notify) {
    String name = streamName;
    unsubscribe();
    session.observers().accessLog().stop(session.loggedClient(), id, name);
    mode = Mode.IDLE;
    paused = false;
    playing = null;
    if (notify) {
      session.channel().write(new UserControlEvent.StreamEof(id));
      session.onStatus(
          id,
          Status.stream(
              "status",
              "NetStream.Play.Stop",
              "Stopped playing " + name + ".",
              name,
              session.id()));
    }
  }

  // ---- common

  private void stopEverything(boolean notify) {
    switch (mode) {
      case PUBLISHING -> unpublish(notify);
      case CLAIMING -> {
        mode = Mode.IDLE;
        publisher = null;
      }
      case PLAYING -> stopPlay(false);
      case IDLE -> {}
    }
  }

  /**
   * {@code closeStream}/{@code deleteStream}, or the connection went away ({@code notify} false).
   */
  void close(boolean notify) {
    switch (mode) {
      case PUBLISHING -> unpublish(notify);
      case PLAYING -> stopPlay(notify);
      case CLAIMING -> {
        mode = Mode.IDLE;
        publisher = null;
      }
      case IDLE -> {}
    }
  }
}
