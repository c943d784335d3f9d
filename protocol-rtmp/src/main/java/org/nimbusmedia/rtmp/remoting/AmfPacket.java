package org.nimbusmedia.rtmp.remoting;

import java.util.List;
import java.util.Objects;

/**
 * One AMF packet (AMF0 specification section 4): headers, then messages. A request message targets
 * {@code "service.method"} with a response URI such as {@code "/1"} and a strict array of arguments
 * as its body; the gateway answers with a message targeting {@code "/1/onResult"} or {@code
 * "/1/onStatus"}.
 *
 * @param version 0 for AMF0 (Flash Player 6 to 8 and FMS scripts), 3 when AMF3 was used
 */
public record AmfPacket(int version, List<Header> headers, List<Message> messages) {

  /** The {@code Content-Type} of a packet in an HTTP body. */
  public static final String CONTENT_TYPE = "application/x-amf";

  public AmfPacket {
    if (version < 0 || version > 0xFFFF) {
      throw new IllegalArgumentException("version must fit in 16 bits, was " + version);
    }
    headers = List.copyOf(headers);
    messages = List.copyOf(messages);
  }

  /** A header (section 4.1), e.g. {@code Credentials} with {@code {userid, password}}. */
  public record Header(String name, boolean mustUnderstand, Object value) {
    public Header {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A message (section 4.2): a call or its answer. */
  public record Message(String targetUri, String responseUri, Object body) {
    public Message {
      Objects.requireNonNull(targetUri, "targetUri");
      Objects.requireNonNull(responseUri, "responseUri");
    }
  }
}
