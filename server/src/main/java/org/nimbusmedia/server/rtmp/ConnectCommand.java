package org.nimbusmedia.server.rtmp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.rtmp.message.SetChunkSize;
import org.nimbusmedia.rtmp.message.SetPeerBandwidth;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.rtmp.message.WindowAcknowledgementSize;
import org.nimbusmedia.scripting.ConnectDecision;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.app.ApplicationRegistry;
import org.nimbusmedia.server.log.AccessLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connect}: finds the application instance and answers as FMS 4 does: Window Acknowledgement
 * Size, Set Peer Bandwidth (dynamic), StreamBegin 0, Set Chunk Size, then {@code _result} with
 * {@code fmsVer}, {@code capabilities} and {@code mode}, and the info object with the client's
 * {@code objectEncoding} ({@code reference/fms4.md} 1.8). An unknown application gets {@code
 * _error} with {@code NetConnection.Connect.Rejected} and the connection is closed.
 */
final class ConnectCommand {
  static final String FMS_VERSION = "4,5,0,297";
  private static final Logger log = LoggerFactory.getLogger(ConnectCommand.class);

  private final ApplicationRegistry applications;

  ConnectCommand(ApplicationRegistry applications) {
    this.applications = applications;
  }

  /**
   * Handles {@code connect}: the application's script decides (at once or later); {@code
   * onAccepted} runs on the event loop once the client is connected.
   */
  void handle(RtmpSession session, Command connect, Runnable onAccepted) {
    session.moveTo(RtmpSession.State.CONNECTING);
    AmfObject parameters = parametersOf(connect.commandObject());
    ObjectEncoding encoding =
        parameters.get("objectEncoding") instanceof Number number
            ? ObjectEncoding.of(number.doubleValue())
            : ObjectEncoding.AMF0;
    session.connectParameters(parameters, encoding);
    Object app = parameters.get("app");
    Optional<ApplicationInstance> instance =
        AppAddress.parse(app instanceof String text ? text : null).flatMap(this::instanceAt);
    if (instance.isEmpty()) {
      rejected(session, AccessLog.NOT_FOUND, "app_not_found");
      reject(
          session,
          connect,
          "[ Server.Reject ] : (_defaultRoot_, _defaultVHost_) : Application ("
              + app
              + ") is not defined.",
          null);
      return;
    }
    ApplicationInstance joined = instance.get();
    if (!joined.join(session)) {
      // It unloaded between lookup and join: the registry now loads a fresh instance.
      joined = applications.instance(joined.address()).orElseThrow();
      joined.join(session);
    }
    session.joined(joined);
    session.observers().accessLog().connectPending(session.loggedClient());
    joined
        .script()
        .connect(session.handle(), connect.arguments())
        .whenCompleteAsync(
            (decision, failure) -> decided(session, connect, decision, failure, onAccepted),
            session.channel().eventLoop());
  }

  private Optional<ApplicationInstance> instanceAt(AppAddress address) {
    return applications.instance(address);
  }

  private static void decided(
      RtmpSession session,
      Command connect,
      ConnectDecision decision,
      Throwable failure,
      Runnable onAccepted) {
    if (session.state() != RtmpSession.State.CONNECTING) {
      return; // the client left while the script was deciding
    }
    if (failure != null) {
      rejected(session, AccessLog.REJECTED_BY_SCRIPT, "error");
      reject(session, connect, "The application could not decide: " + failure.getMessage(), null);
    } else if (decision instanceof ConnectDecision.Accept) {
      accept(session, connect);
      session.observers().metrics().protocol(session.protocol()).connectAccepted();
      session.instance().application().connectDecided(true);
      session.observers().accessLog().connect(session.loggedClient(), AccessLog.OK);
      onAccepted.run();
    } else if (decision instanceof ConnectDecision.Reject reject) {
      rejected(session, AccessLog.REJECTED_BY_SCRIPT, "script");
      reject(session, connect, reject.description(), reject.application());
    } else if (decision instanceof ConnectDecision.Redirect redirect) {
      rejected(session, AccessLog.REDIRECTED, "redirect");
      AmfObject info = rejection(redirect.description(), redirect.application());
      info.put("ex", AmfObject.of("code", 302.0, "redirect", redirect.url()));
      sendRejection(session, connect, info);
    }
  }

  /** Counts and logs a refused connect; {@code reason} is a metrics tag, not client text. */
  private static void rejected(RtmpSession session, int status, String reason) {
    session.observers().metrics().protocol(session.protocol()).connectRejected(reason);
    if (session.instance() != null) {
      session.instance().application().connectDecided(false);
    }
    session.observers().accessLog().connect(session.loggedClient(), status);
  }

  private static void accept(RtmpSession session, Command connect) {
    RtmpSettings settings = session.settings();
    session.channel().write(new WindowAcknowledgementSize(settings.windowAckSize()));
    session
        .channel()
        .write(new SetPeerBandwidth(settings.peerBandwidth(), SetPeerBandwidth.LimitType.DYNAMIC));
    session.channel().write(new UserControlEvent.StreamBegin(0));
    session.channel().write(new SetChunkSize(settings.outChunkSize()));
    AmfObject properties =
        AmfObject.of("fmsVer", "FMS/" + FMS_VERSION, "capabilities", 255.0, "mode", 1.0);
    AmfObject info = Status.status("NetConnection.Connect.Success", "Connection succeeded.");
    info.put("objectEncoding", (double) session.objectEncoding().code());
    info.put("data", AmfEcmaArray.of("version", FMS_VERSION));
    RtmfpPeer peer = RtmfpPeer.of(session.channel());
    if (peer != null) {
      // What RTMFP clients read from the result, as tcserver sends it (reference/rtmfp.md).
      info.put("serverFingerprint", peer.nearId());
      info.put("connectionID", peer.farId());
    }
    session.answer(connect, properties, info);
    if (peer != null) {
      peer.accepted();
    }
    session.moveTo(RtmpSession.State.CONNECTED);
    log.info("{} connected to {}", session, session.instance().address());
  }

  /**
   * Sends {@code _error} with {@code NetConnection.Connect.Rejected} and closes the connection; the
   * script's error object, if any, reaches the client as {@code info.application}.
   */
  static void reject(RtmpSession session, Command connect, String description, Object application) {
    sendRejection(session, connect, rejection(description, application));
  }

  private static AmfObject rejection(String description, Object application) {
    AmfObject info = Status.error("NetConnection.Connect.Rejected", description);
    if (application != null) {
      info.put("application", application);
    }
    return info;
  }

  private static void sendRejection(RtmpSession session, Command connect, AmfObject info) {
    log.info("{} rejected: {}", session, info.get("description"));
    session
        .channel()
        .writeAndFlush(
            new Command(
                0, "_error", connect.transactionId(), null, List.of(info), connect.encoding()))
        .addListener(written -> session.channel().close());
    session.moveTo(RtmpSession.State.CLOSED);
  }

  private static AmfObject parametersOf(Object commandObject) {
    AmfObject parameters = new AmfObject();
    if (commandObject instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        parameters.put(String.valueOf(entry.getKey()), entry.getValue());
      }
    }
    return parameters;
  }
}
