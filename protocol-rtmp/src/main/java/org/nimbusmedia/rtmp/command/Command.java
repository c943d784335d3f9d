package org.nimbusmedia.rtmp.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;

/**
 * A command message (RTMP 1.0 section 7.1.1): a name, a transaction id, a command object and
 * arguments. {@code connect}, {@code createStream}, {@code _result}, {@code onStatus} and every
 * {@code NetConnection.call} travel as commands. Arguments may hold {@code null}.
 *
 * @param streamId the message stream: 0 for NetConnection commands, a stream id for NetStream ones
 * @param name the command name, the first AMF value
 * @param transactionId the second AMF value; 0 when no answer is expected
 * @param commandObject the third AMF value, {@code null} for most commands
 * @param arguments the values after the command object
 * @param encoding AMF0 (message type 0x14) or AMF3 (type 0x11)
 */
public record Command(
    int streamId,
    String name,
    double transactionId,
    Object commandObject,
    List<Object> arguments,
    ObjectEncoding encoding) {

  public Command {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(encoding, "encoding");
    arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
  }

  /** An AMF0 command on stream 0. */
  public static Command of(
      String name, double transactionId, Object commandObject, Object... args) {
    return new Command(
        0, name, transactionId, commandObject, Arrays.asList(args), ObjectEncoding.AMF0);
  }

  /** The argument at {@code index}, or null when the sender did not send that many. */
  public Object argument(int index) {
    return index < arguments.size() ? arguments.get(index) : null;
  }

  /** This command on another message stream. */
  public Command onStream(int newStreamId) {
    return new Command(newStreamId, name, transactionId, commandObject, arguments, encoding);
  }

  /** This command in another object encoding. */
  public Command withEncoding(ObjectEncoding newEncoding) {
    return new Command(streamId, name, transactionId, commandObject, arguments, newEncoding);
  }
}
