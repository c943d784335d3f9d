package org.nimbusmedia.rtmfp.handshake;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Initiator Hello, chunk 0x30 (RFC 7016 section 2.3.2): {@code VLU epdLength | EPD | tag}.
 *
 * @param epd the endpoint discriminator (RFC 7425 section 4.4)
 * @param tag the initiator's tag, echoed in RHello and Redirect
 */
public record IHello(byte[] epd, byte[] tag) {
  /** Validates and copies. */
  public IHello {
    if (epd.length > Limits.MAX_EPD || tag.length == 0 || tag.length > Limits.MAX_TAG) {
      throw new IllegalArgumentException("EPD or tag length out of range");
    }
    epd = epd.clone();
    tag = tag.clone();
  }

  @Override
  public byte[] epd() {
    return epd.clone();
  }

  @Override
  public byte[] tag() {
    return tag.clone();
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    return new Chunk(Chunk.IHELLO, new WireWriter().vluPrefixed(epd).bytes(tag).toByteArray());
  }

  /** Decodes the body of a 0x30 chunk. */
  public static IHello decode(byte[] body) {
    WireReader r = new WireReader(body);
    byte[] epd = r.vluPrefixed(Limits.MAX_EPD);
    if (r.remaining() == 0 || r.remaining() > Limits.MAX_TAG) {
      throw new MalformedException("IHello tag length " + r.remaining());
    }
    return new IHello(epd, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IHello h && Arrays.equals(h.epd, epd) && Arrays.equals(h.tag, tag);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(epd) * 31 + Arrays.hashCode(tag);
  }

  @Override
  public String toString() {
    return "IHello[epd=" + epd.length + " bytes, tag=" + tag.length + " bytes]";
  }
}
