package org.nimbusmedia.rtmp.amf;

import java.time.Instant;

/**
 * A date: milliseconds since the Unix epoch, UTC (AMF0 spec section 2.13, AMF3 spec section 3.10).
 *
 * @param millis milliseconds since 1970-01-01T00:00:00Z, as ActionScript holds them (a double)
 * @param timeZone the AMF0 time-zone field, in minutes; the AMF0 spec says it is reserved and
 *     should be 0, and AMF3 has no such field, so decoders of AMF3 dates set 0. Kept so that an
 *     AMF0 message re-encodes to the same bytes.
 */
public record AmfDate(double millis, short timeZone) {

  /** A date with the time-zone field 0, as Flash Player writes it. */
  public AmfDate(double millis) {
    this(millis, (short) 0);
  }

  /** The date of an {@link Instant}, truncated to milliseconds. */
  public static AmfDate of(Instant instant) {
    return new AmfDate(instant.toEpochMilli());
  }

  /** This date as an {@link Instant}, truncated to whole milliseconds. */
  public Instant toInstant() {
    return Instant.ofEpochMilli((long) millis);
  }
}
