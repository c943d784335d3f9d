package org.nimbusmedia.rtmp.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;

/**
 * A data message (RTMP 1.0 section 7.1.2): AMF values such as {@code "@setDataFrame", "onMetaData",
 * {...}} sent on a stream. Values may hold {@code null}.
 *
 * @param streamId the message stream
 * @param timestamp milliseconds, an unsigned 32-bit value
 * @param values the AMF values, the handler name first
 * @param encoding AMF0 (message type 0x12) or AMF3 (type 0x0F)
 */
public record DataMessage(
    int streamId, long timestamp, List<Object> values, ObjectEncoding encoding) {

  public DataMessage {
    Objects.requireNonNull(encoding, "encoding");
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** The handler name: the first value when it is a string, else empty. */
  public String name() {
    return !values.isEmpty() && values.get(0) instanceof String name ? name : "";
  }
}
