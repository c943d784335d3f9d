package org.nimbusmedia.server.rtmp;

import java.util.concurrent.CompletionException;
import org.nimbusmedia.rtmp.command.Command;
import org.nimbusmedia.scripting.CallFailedException;

/**
 * A client's {@code NetConnection.call(name, responder, args...)}: runs {@code client.name(...)} in
 * the application's script; the return value goes back as {@code _result}, a thrown error or a
 * missing method as {@code _error} with {@code NetConnection.Call.Failed} and a short description,
 * never a stack trace. A method the script lacks but FMS's live application answers ({@code
 * FCPublish} and friends) is answered by the server instead.
 */
final class RemoteCalls {
  private static final String METHOD_NOT_FOUND = "Method not found";

  private RemoteCalls() {}

  static void invoke(RtmpSession session, Command command) {
    session
        .instance()
        .script()
        .invoke(session.handle(), command.name(), command.arguments())
        .whenCompleteAsync(
            (value, failure) -> answer(session, command, value, failure),
            session.channel().eventLoop());
  }

  private static void answer(
      RtmpSession session, Command command, Object value, Throwable failure) {
    if (!session.channel().isActive()) {
      return;
    }
    if (failure == null) {
      session.result(command, null, value);
      return;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String description =
        cause instanceof CallFailedException failed ? failed.description() : "The call failed.";
    if (description.startsWith(METHOD_NOT_FOUND)
        && NetConnectionCommands.handleBuiltIn(session, command)) {
      return;
    }
    session.error(command, Status.error(CallFailedException.CODE, description));
  }
}
