package org.nimbusmedia.rtmfp.handshake;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Responder Hello, chunk 0x70 (RFC 7016 section 2.3.4): {@code VLU tagLength | tag | VLU
 * cookieLength | cookie | responder certificate}.
 *
 * @param tag the initiator's tag, echoed
 * @param cookie the responder's cookie
 * @param certificate the responder's certificate (RFC 7425 section 4.3)
 */
public record RHello(byte[] tag, byte[] cookie, byte[] certificate) {
  /** Validates and copies. */
  public RHello {
    if (tag.length > Limits.MAX_TAG
        || cookie.length > Limits.MAX_COOKIE
        || certificate.length > Limits.MAX_CERTIFICATE) {
      throw new IllegalArgumentException("RHello field too long");
    }
    tag = tag.clone();
    cookie = cookie.clone();
    certificate = certificate.clone();
  }

  @Override
  public byte[] tag() {
    return tag.clone();
  }

  @Override
  public byte[] cookie() {
    return cookie.clone();
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    return new Chunk(
        Chunk.RHELLO,
        new WireWriter().vluPrefixed(tag).vluPrefixed(cookie).bytes(certificate).toByteArray());
  }

  /** Decodes the body of a 0x70 chunk. */
  public static RHello decode(byte[] body) {
    WireReader r = new WireReader(body);
    byte[] tag = r.vluPrefixed(Limits.MAX_TAG);
    byte[] cookie = r.vluPrefixed(Limits.MAX_COOKIE);
    if (r.remaining() > Limits.MAX_CERTIFICATE) {
      throw new MalformedException("certificate too long");
    }
    return new RHello(tag, cookie, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RHello h
        && Arrays.equals(h.tag, tag)
        && Arrays.equals(h.cookie, cookie)
        && Arrays.equals(h.certificate, certificate);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cookie);
  }

  @Override
  public String toString() {
    return "RHello[cookie="
        + cookie.length
        + " bytes, certificate="
        + certificate.length
        + " bytes]";
  }
}
