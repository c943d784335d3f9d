package org.nimbusmedia.rtmfp.handshake;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Responder Initial Keying, chunk 0x78 (RFC 7016 section 2.3.8): {@code responderSessionId u32 |
 * VLU+SKRC | signature}. It travels in a startup-mode packet addressed with the initiator's session
 * id and encrypted with the default key (RFC 7425 section 4.1).
 *
 * @param responderSessionId the session id the initiator must use towards the responder
 * @param skrc the session key responder component (RFC 7425 section 4.6)
 * @param signature the rest of the chunk
 */
public record RIKeying(int responderSessionId, byte[] skrc, byte[] signature) {
  /** Validates and copies. */
  public RIKeying {
    if (skrc.length > Limits.MAX_COMPONENT || signature.length > Limits.MAX_COMPONENT) {
      throw new IllegalArgumentException("RIKeying field too long");
    }
    skrc = skrc.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] skrc() {
    return skrc.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    return new Chunk(
        Chunk.RIKEYING,
        new WireWriter().u32(responderSessionId).vluPrefixed(skrc).bytes(signature).toByteArray());
  }

  /** Decodes the body of a 0x78 chunk. */
  public static RIKeying decode(byte[] body) {
    WireReader r = new WireReader(body);
    int sid = r.u32();
    byte[] skrc = r.vluPrefixed(Limits.MAX_COMPONENT);
    if (r.remaining() > Limits.MAX_COMPONENT) {
      throw new MalformedException("signature too long");
    }
    return new RIKeying(sid, skrc, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RIKeying k
        && k.responderSessionId == responderSessionId
        && Arrays.equals(k.skrc, skrc)
        && Arrays.equals(k.signature, signature);
  }

  @Override
  public int hashCode() {
    return responderSessionId * 31 + Arrays.hashCode(skrc);
  }

  @Override
  public String toString() {
    return "RIKeying[sid=" + Integer.toHexString(responderSessionId) + "]";
  }
}
