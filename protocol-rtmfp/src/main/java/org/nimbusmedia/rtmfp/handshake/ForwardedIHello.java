package org.nimbusmedia.rtmfp.handshake;

import java.util.Arrays;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Forwarded IHello, chunk 0x0f (RFC 7016 section 2.3.3): {@code VLU epdLength | EPD | reply address
 * | tag}. A server sends it inside its session with the target of a peer lookup; the target answers
 * the initiator at the reply address with an RHello (section 3.5.1.6).
 *
 * @param epd the initiator's endpoint discriminator
 * @param replyAddress where the initiator was observed
 * @param tag the initiator's tag
 */
public record ForwardedIHello(byte[] epd, RtmfpAddress replyAddress, byte[] tag) {
  /** Validates and copies. */
  public ForwardedIHello {
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
    WireWriter w = new WireWriter().vluPrefixed(epd);
    replyAddress.write(w);
    return new Chunk(Chunk.FORWARDED_IHELLO, w.bytes(tag).toByteArray());
  }

  /** Decodes the body of a 0x0f chunk. */
  public static ForwardedIHello decode(byte[] body) {
    WireReader r = new WireReader(body);
    byte[] epd = r.vluPrefixed(Limits.MAX_EPD);
    RtmfpAddress address = RtmfpAddress.read(r);
    if (r.remaining() == 0 || r.remaining() > Limits.MAX_TAG) {
      throw new MalformedException("forwarded IHello tag length " + r.remaining());
    }
    return new ForwardedIHello(epd, address, r.rest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForwardedIHello f
        && Arrays.equals(f.epd, epd)
        && f.replyAddress.equals(replyAddress)
        && Arrays.equals(f.tag, tag);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tag);
  }
}
