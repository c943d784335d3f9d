package org.nimbusmedia.rtmp.amf;

import io.netty.handler.codec.DecoderException;
import java.util.Objects;

/**
 * Input that is not valid AMF, or that exceeds the {@link AmfLimits}. It carries the offset, from
 * where decoding started, of the byte at which the problem was found, and a {@link Reason} that
 * tests and the connection's error handling can switch on. It is a {@link DecoderException} so that
 * a Netty pipeline treats it as a codec failure.
 */
public final class AmfException extends DecoderException {

  private static final long serialVersionUID = 1L;

  /** Why decoding stopped. */
  public enum Reason {
    /** The input ends inside a value. */
    TRUNCATED,
    /** A type marker that the format does not define. */
    UNKNOWN_MARKER,
    /** A marker the format reserves but nothing sends (AMF0 movieclip, recordset, object end). */
    UNSUPPORTED_MARKER,
    /** A reference to a table index that does not exist. */
    BAD_REFERENCE,
    /** A reference to a value that is still being decoded. */
    CYCLE,
    /** An externalizable class this codec cannot read. */
    UNSUPPORTED_EXTERNALIZABLE,
    /** A count, length, depth or size above the configured {@link AmfLimits}. */
    LIMIT_EXCEEDED,
    /** A structure that contradicts the specification. */
    MALFORMED
  }

  private final Reason reason;
  private final long offset;

  /**
   * @param reason why decoding stopped
   * @param offset byte offset from where decoding started
   * @param detail what was found
   */
  public AmfException(Reason reason, long offset, String detail) {
    super(reason + " at offset " + offset + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.offset = offset;
  }

  /** Why decoding stopped. */
  public Reason reason() {
    return reason;
  }

  /** Byte offset, from where decoding started, of the offending input. */
  public long offset() {
    return offset;
  }
}
