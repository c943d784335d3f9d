package org.nimbusmedia.server.rtmp;

import java.util.Map;
import java.util.Optional;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.server.vod.StreamFileName;

/**
 * Commands on a NetStream (a message stream id from {@code createStream}): {@code publish}, {@code
 * play}, {@code play2}, {@code pause}, {@code seek}, {@code receiveAudio}, {@code receiveVideo},
 * {@code closeStream} and {@code deleteStream} (RTMP 1.0 section 7.2.2).
 */
final class NetStreamCommands {
  /** {@code play}'s {@code start} in milliseconds, as Flash Player and librtmp send it. */
  private static final double START_LIVE_OR_RECORDED = -2000;

  private NetStreamCommands() {}

  /** Returns false when the command is not a NetStream command. */
  static boolean handle(RtmpSession session, Command command) {
    RtmpNetStream stream = session.stream(command.streamId());
    if (stream == null) {
      return false;
    }
    switch (command.name()) {
      case "publish" -> publish(session, stream, command);
      case "play" -> play(session, stream, command);
      case "play2" -> play2(stream, command);
      case "pause" ->
          stream.pause(Boolean.TRUE.equals(command.argument(0)), number(command.argument(1), -1));
      case "seek" -> stream.seek(number(command.argument(0), 0));
      case "receiveAudio" -> stream.receiveAudio(!Boolean.FALSE.equals(command.argument(0)));
      case "receiveVideo" -> stream.receiveVideo(!Boolean.FALSE.equals(command.argument(0)));
      case "closeStream" -> stream.close(true);
      case "deleteStream" -> {
        session.removeStream(stream.id());
        stream.close(true);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** {@code publish(name, type)}; {@code publish(false)} unpublishes. */
  private static void publish(RtmpSession session, RtmpNetStream stream, Command command) {
    if (Boolean.FALSE.equals(command.argument(0))) {
      stream.close(true);
      return;
    }
    String type = command.argument(1) instanceof String text ? text : "live";
    Optional<String> name = StreamNames.live(command.argument(0));
    if (StreamFileName.isEscape(command.argument(0))) {
      name = Optional.empty();
    }
    stream.publish(name.orElse(""), type);
  }

  /**
   * {@code play(name, start, len, reset)}. {@code start} in milliseconds: -2000 (the default) live
   * or recorded, -1000 live only, 0 or more a recorded stream from that time. {@code len}: negative
   * plays to the end. A name that tries to leave the storage folders is StreamNotFound.
   */
  private static void play(RtmpSession session, RtmpNetStream stream, Command command) {
    if (Boolean.FALSE.equals(command.argument(0))) {
      stream.close(true);
      return;
    }
    Optional<String> name = StreamNames.live(command.argument(0));
    if (name.isEmpty() || StreamFileName.isEscape(command.argument(0))) {
      session.onStatus(
          stream.id(),
          Status.stream(
              "error",
              "NetStream.Play.StreamNotFound",
              "Failed to play; no stream name.",
              "",
              session.id()));
      return;
    }
    double start = number(command.argument(1), START_LIVE_OR_RECORDED);
    double len = number(command.argument(2), -1);
    boolean reset = !Boolean.FALSE.equals(command.argument(3));
    stream.play((String) command.argument(0), name.get(), start, len < 0 ? -1 : (long) len, reset);
  }

  /** {@code play2(NetStreamPlayOptions)}: switch, swap, stop, reset. */
  private static void play2(RtmpNetStream stream, Command command) {
    if (!(command.argument(0) instanceof Map<?, ?> options)) {
      return;
    }
    Optional<String> name = StreamNames.live(options.get("streamName"));
    String transition = options.get("transition") instanceof String text ? text : "switch";
    switch (transition) {
      case "stop" -> stream.close(true);
      case "reset" -> name.ifPresent(n -> stream.play(n, -1, true, false));
      default -> name.ifPresent(stream::switchTo);
    }
  }

  private static double number(Object value, double fallback) {
    return value instanceof Number number ? number.doubleValue() : fallback;
  }
}
