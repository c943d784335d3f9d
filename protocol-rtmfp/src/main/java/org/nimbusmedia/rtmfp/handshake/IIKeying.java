package org.nimbusmedia.rtmfp.handshake;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Initiator Initial Keying, chunk 0x38 (RFC 7016 section 2.3.7): {@code initiatorSessionId u32 |
 * VLU+cookie | VLU+certificate | VLU+SKIC | signature}.
 *
 * @param initiatorSessionId the session id the responder must use towards the initiator
 * @param cookie the cookie from RHello
 * @param certificate the initiator's certificate (RFC 7425 section 4.3)
 * @param skic the session key initiator component (RFC 7425 section 4.6)
 * @param signature the rest of the chunk; Flash sends {@code 58}
 */
public record IIKeying(
    int initiatorSessionId, byte[] cookie, byte[] certificate, byte[] skic, byte[] signature) {
  /** Validates and copies. */
  public IIKeying {
    if (cookie.length > Limits.MAX_COOKIE
        || certificate.length > Limits.MAX_CERTIFICATE
        || skic.length > Limits.MAX_COMPONENT
        || signature.length > Limits.MAX_COMPONENT) {
      throw new IllegalArgumentException("IIKeying field too long");
    }
    cookie = cookie.clone();
    certificate = certificate.clone();
    skic = skic.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] cookie() {
    return cookie.clone();
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public byte[] skic() {
    return skic.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    return new Chunk(
        Chunk.IIKEYING,
        new WireWriter()
            .u32(initiatorSessionId)
            .vluPrefixed(cookie)
            .vluPrefixed(certificate)
            .vluPrefixed(skic)
            .bytes(signature)
            .toByteArray());
  }

  /** Decodes the body of a 0x38 chunk. */
  public static IIKeying decode(byte[] body) {
    WireReader r = new WireReader(body);
    int sid = r.u32();
    byte[] cookie = r.vluPrefixed(Limits.MAX_COOKIE);
    byte[] cert = r.vluPrefixed(Limits.MAX_CERTIFICATE);
    byte[] skic = r.vluPrefixed(Limits.MAX_COMPONENT);
    if (r.remaining() > Limits.MAX_COMPONENT) {
      throw new MalformedException("signature too long");
    }
    return new IIKeying(sid, cookie, cert, skic, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IIKeying k
        && k.initiatorSessionId == initiatorSessionId
        && Arrays.equals(k.cookie, cookie)
        && Arrays.equals(k.certificate, certificate)
        && Arrays.equals(k.skic, skic)
        && Arrays.equals(k.signature, signature);
  }

  @Override
  public int hashCode() {
    return initiatorSessionId * 31 + Arrays.hashCode(skic);
  }

  @Override
  public String toString() {
    return "IIKeying[sid=" + Integer.toHexString(initiatorSessionId) + "]";
  }
}
