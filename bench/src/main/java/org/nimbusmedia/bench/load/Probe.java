package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * The 20 bytes a publisher appends to the body of each frame it sends: a magic number, a sequence
 * number counted per publisher and media kind, and the send time from {@link System#nanoTime()}
 * (publishers and subscribers run in one JVM, so the clocks agree). In video it is the payload of a
 * trailing AVCC NAL unit of type 12 (filler data, ignored by decoders); in synthetic audio it ends
 * the frame.
 *
 * @param sequence the frame's sequence number, from 0
 * @param sendNanos {@code System.nanoTime()} when the publisher wrote the frame
 */
public record Probe(long sequence, long sendNanos) {

  /** "NMBP": marks a probe. */
  public static final int MAGIC = 0x4E4D4250;

  /** Bytes a probe takes at the end of a body. */
  public static final int SIZE = 20;

  /** Writes the probe at the writer index. */
  public void writeTo(ByteBuf out) {
    out.writeInt(MAGIC).writeLong(sequence).writeLong(sendNanos);
  }

  /**
   * Reads the probe that ends {@code body}, without moving its indexes.
   *
   * @param minOffset bytes at the start of the body that cannot belong to a probe (the FLV media
   *     header)
   * @return the probe, or null if the body does not end with one
   */
  public static Probe readFrom(ByteBuf body, int minOffset) {
    int start = body.writerIndex() - SIZE;
    if (start < body.readerIndex() + minOffset || body.getInt(start) != MAGIC) {
      return null;
    }
    return new Probe(body.getLong(start + 4), body.getLong(start + 12));
  }
}
