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
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.ApplicationInstance;
import org.nimbusmedia.server.app.ApplicationRegistry;
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

  void handle(RtmpSession session, Command connect) {
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
      reject(
          session,
          connect,
          "[ Server.Reject ] : (_defaultRoot_, _defaultVHost_) : Application ("
              + app
              + ") is not defined.");
      return;
    }
    accept(session, connect, instance.get());
  }

  private Optional<ApplicationInstance> instanceAt(AppAddress address) {
    return applications.instance(address);
  }

  private void accept(RtmpSession session, Command connect, ApplicationInstance instance) {
    ApplicationInstance joined = instance;
    if (!joined.join(session)) {
      // It unloaded between lookup and join: the registry now loads a fresh instance.
      joined = applications.instance(joined.address()).orElseThrow();
      joined.join(session);
    }
    session.joined(joined);
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
    session.result(connect, properties, info);
    session.moveTo(RtmpSession.State.CONNECTED);
    log.info("{} connected to {}", session, joined.address());
  }

  /** Sends {@code _error} with {@code NetConnection.Connect.Rejected} and closes the connection. */
  static void reject(RtmpSession session, Command connect, String description) {
    log.info("{} rejected: {}", session, description);
    AmfObject info = Status.error("NetConnection.Connect.Rejected", description);
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
