package org.nimbusmedia.server.rtmpt;

import java.util.Optional;

/**
 * One RTMPT request line, parsed and bounded ({@code reference/fms4.md} section 3): {@code POST
 * /fcs/ident2}, {@code /open/1}, {@code /send/<id>/<seq>}, {@code /idle/<id>/<seq>}, {@code
 * /close/<id>/<seq>}. Anything else is not a tunnel request, which the front end answers with 404.
 *
 * @param command what the client asks for
 * @param sessionId the session, empty for {@code ident2} and {@code open}
 * @param sequence the request's number within its session, 0 for {@code ident2} and {@code open}
 */
record TunnelRequest(Command command, String sessionId, int sequence) {
  /** Longest session id accepted in a path; ours are {@link TunnelSessions#ID_LENGTH} long. */
  static final int MAX_ID_LENGTH = 32;

  /** Longest sequence number in digits: it must fit a non-negative {@code int}. */
  static final int MAX_SEQUENCE_DIGITS = 10;

  /** The tunnel's commands. */
  enum Command {
    IDENT2,
    OPEN,
    SEND,
    IDLE,
    CLOSE
  }

  TunnelRequest {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is negative");
    }
  }

  /** The request for {@code path} (the request-target, query ignored), or empty when it is none. */
  static Optional<TunnelRequest> parse(String path) {
    int query = path.indexOf('?');
    String plain = query < 0 ? path : path.substring(0, query);
    if (plain.equals("/fcs/ident2")) {
      return Optional.of(new TunnelRequest(Command.IDENT2, "", 0));
    }
    if (plain.startsWith("/open/")) {
      return sequence(plain.substring("/open/".length()))
          .map(seq -> new TunnelRequest(Command.OPEN, "", seq));
    }
    Command command;
    if (plain.startsWith("/send/")) {
      command = Command.SEND;
    } else if (plain.startsWith("/idle/")) {
      command = Command.IDLE;
    } else if (plain.startsWith("/close/")) {
      command = Command.CLOSE;
    } else {
      return Optional.empty();
    }
    String rest = plain.substring(command.name().length() + 2);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash > MAX_ID_LENGTH) {
      return Optional.empty();
    }
    String id = rest.substring(0, slash);
    for (int i = 0; i < id.length(); i++) {
      if (!isIdCharacter(id.charAt(i))) {
        return Optional.empty();
      }
    }
    return sequence(rest.substring(slash + 1)).map(seq -> new TunnelRequest(command, id, seq));
  }

  private static Optional<Integer> sequence(String digits) {
    if (digits.isEmpty() || digits.length() > MAX_SEQUENCE_DIGITS) {
      return Optional.empty();
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
      value = value * 10 + (c - '0');
    }
    return value > Integer.MAX_VALUE ? Optional.empty() : Optional.of((int) value);
  }

  private static boolean isIdCharacter(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
