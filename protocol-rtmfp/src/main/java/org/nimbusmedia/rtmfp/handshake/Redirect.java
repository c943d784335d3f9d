package org.nimbusmedia.rtmfp.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Responder Redirect, chunk 0x71 (RFC 7016 section 2.3.5): {@code VLU tagLength | tag | address*}.
 * An empty list tells the initiator to use the address it already sent to.
 *
 * @param tag the initiator's tag, echoed
 * @param addresses where to send the IHello instead
 */
public record Redirect(byte[] tag, List<RtmfpAddress> addresses) {
  /** Validates and copies. */
  public Redirect {
    if (tag.length > Limits.MAX_TAG || addresses.size() > Limits.MAX_ADDRESSES) {
      throw new IllegalArgumentException("Redirect field too long");
    }
    tag = tag.clone();
    addresses = List.copyOf(addresses);
  }

  @Override
  public byte[] tag() {
    return tag.clone();
  }

  /** Encodes the chunk. */
  public Chunk toChunk() {
    WireWriter w = new WireWriter().vluPrefixed(tag);
    for (RtmfpAddress a : addresses) {
      a.write(w);
    }
    return new Chunk(Chunk.REDIRECT, w.toByteArray());
  }

  /** Decodes the body of a 0x71 chunk. */
  public static Redirect decode(byte[] body) {
    WireReader r = new WireReader(body);
    byte[] tag = r.vluPrefixed(Limits.MAX_TAG);
    List<RtmfpAddress> addresses = new ArrayList<>();
    while (r.remaining() > 0) {
      if (addresses.size() == Limits.MAX_ADDRESSES) {
        throw new MalformedException("too many redirect addresses");
      }
      addresses.add(RtmfpAddress.read(r));
    }
    return new Redirect(tag, addresses);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Redirect x && Arrays.equals(x.tag, tag) && x.addresses.equals(addresses);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tag) * 31 + addresses.hashCode();
  }
}
