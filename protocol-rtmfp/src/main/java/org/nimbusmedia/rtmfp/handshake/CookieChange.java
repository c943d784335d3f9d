package org.nimbusmedia.rtmfp.handshake;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * RHello Cookie Change, chunk 0x79 (RFC 7016 section 2.3.6): {@code VLU oldLength | old cookie |
 * new cookie}; the initiator resends IIKeying with the new cookie.
 *
 * @param oldCookie the cookie the initiator sent
 * @param newCookie the cookie to use instead
 */
public record CookieChange(byte[] oldCookie, byte[] newCookie) {
  /** Validates and copies. */
  public CookieChange {
    if (oldCookie.length > Limits.MAX_COOKIE || newCookie.length > Limits.MAX_COOKIE) {
      throw new IllegalArgumentException("cookie too long");
    }
    oldCookie = oldCookie.clone();
    newCookie = newCookie.clone();
  }

  @Override
  public byte[] oldCookie() {
    return oldCookie.clone();
  }

  @Override
  public byte[] newCookie() {
    return newCookie.clone();
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    return new Chunk(
        Chunk.RHELLO_COOKIE_CHANGE,
        new WireWriter().vluPrefixed(oldCookie).bytes(newCookie).toByteArray());
  }

  /** Decodes the body of a 0x79 chunk. */
  public static CookieChange decode(byte[] body) {
    WireReader r = new WireReader(body);
    byte[] old = r.vluPrefixed(Limits.MAX_COOKIE);
    if (r.remaining() > Limits.MAX_COOKIE) {
      throw new MalformedException("new cookie too long");
    }
    return new CookieChange(old, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CookieChange c
        && Arrays.equals(c.oldCookie, oldCookie)
        && Arrays.equals(c.newCookie, newCookie);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(newCookie);
  }
}
