package org.nimbusmedia.server.rtmp;

import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.script.BandwidthCheck;
import org.nimbusmedia.server.vod.MediaLibrary;

/**
 * Commands a connected client sends on message stream 0: {@code createStream}, {@code
 * deleteStream}, the FMLE/encoder calls of FMS's live application ({@code releaseStream}, {@code
 * FCPublish}, {@code FCUnpublish}, {@code FCSubscribe}) and {@code getStreamLength}. Everything
 * else is a call into the application's script ({@link RemoteCalls}).
 */
final class NetConnectionCommands {
  private NetConnectionCommands() {}

  /**
   * {@code createStream}, {@code deleteStream} and, over RTMFP, {@code setPeerInfo} (RFC 7425
   * section 5.3.3); false for any other command.
   */
  static boolean handleProtocol(RtmpSession session, Command command) {
    switch (command.name()) {
      case "createStream" -> createStream(session, command);
      case "deleteStream" -> deleteStream(session, command);
      case "_checkbw" -> BandwidthCheck.startRequested(session.handle());
      case "setPeerInfo" -> {
        RtmfpPeer peer = RtmfpPeer.of(session.channel());
        if (peer == null) {
          return false; // over RTMP it is an ordinary call into the script
        }
        peer.peerInfo(
            command.arguments().stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList());
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The calls FMS's live application answers ({@code releaseStream}, {@code FCPublish}, {@code
   * FCUnpublish}, {@code FCSubscribe}, {@code FCUnsubscribe}, {@code getStreamLength}) and Nimbus's
   * {@code meetingDirect} when the application's own script does not define them; false for any
   * other name.
   */
  static boolean handleBuiltIn(RtmpSession session, Command command) {
    switch (command.name()) {
      case "releaseStream" -> session.result(command, null);
      case "FCPublish" -> {
        // The live app answers FMLE's FCPublish with onFCPublish (reference/fms4.md 1.8).
        session.call(
            "onFCPublish",
            AmfObject.of("code", "NetStream.Publish.Start", "description", nameOf(command)));
        session.result(command, null);
      }
      case "FCUnpublish" -> {
        session.call(
            "onFCUnpublish",
            AmfObject.of("code", "NetStream.Unpublish.Success", "description", nameOf(command)));
        session.result(command, null);
      }
      case "FCSubscribe" -> {
        session.call(
            "onFCSubscribe",
            AmfObject.of("code", "NetStream.Play.Start", "description", nameOf(command)));
        session.result(command, null);
      }
      case "FCUnsubscribe" -> session.result(command, null);
      case "getStreamLength" -> streamLength(session, command);
      case "meetingDirect" -> meetingDirect(session, command);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The length of the recorded file in seconds; 0 for a live stream or no file (FMS 3 built-in).
   * Reading the file's index is done on the media threads.
   */
  private static void streamLength(RtmpSession session, Command command) {
    MediaLibrary media = session.instance().media();
    AppAddress instance = session.instance().address();
    String name = nameOf(command);
    media
        .io()
        .execute(
            () -> {
              double seconds = media.lengthSeconds(instance, name);
              session.channel().eventLoop().execute(() -> session.result(command, null, seconds));
            });
  }

  /** {@code _error} with {@code NetConnection.Call.Failed} for a method the application lacks. */
  static void callFailed(RtmpSession session, Command command) {
    session.error(
        command,
        Status.error("NetConnection.Call.Failed", "Method not found (" + command.name() + ")."));
  }

  private static void createStream(RtmpSession session, Command command) {
    RtmpNetStream stream = session.createStream();
    if (stream == null) {
      session.error(
          command,
          Status.error(
              "NetConnection.Call.Failed",
              "Too many streams: at most " + RtmpSession.MAX_STREAMS + " per connection."));
      return;
    }
    session.answer(command, null, (double) stream.id());
  }

  private static void deleteStream(RtmpSession session, Command command) {
    if (command.argument(0) instanceof Number id) {
      RtmpNetStream stream = session.removeStream(id.intValue());
      if (stream != null) {
        stream.close(true);
      }
    }
  }

  /**
   * {@code meetingDirect(meeting, publisherId, subscriberId, playing)}: a meeting participant
   * reports a direct stream of a pair it is in as playing or failed; answers true when the meeting
   * took the report (org.nimbusmedia.server.meeting).
   */
  private static void meetingDirect(RtmpSession session, Command command) {
    boolean taken =
        command.argument(0) instanceof String meeting
            && command.argument(1) instanceof String publisher
            && command.argument(2) instanceof String subscriber
            && command.argument(3) instanceof Boolean playing
            && session
                .instance()
                .meetings()
                .reportDirect(meeting, session.id(), publisher, subscriber, playing);
    session.result(command, null, taken);
  }

  private static String nameOf(Command command) {
    return command.argument(0) instanceof String name ? name : "";
  }
}
