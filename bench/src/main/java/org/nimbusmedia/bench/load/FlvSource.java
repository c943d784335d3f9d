package org.nimbusmedia.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * The audio and video tags of an FLV file, played in a loop with timestamps that keep rising. AVC
 * NALU packets get a {@link Probe} in a trailing filler-data NAL unit (type 12, which decoders
 * skip); audio and sequence headers are sent unchanged, and script tags are left out.
 */
final class FlvSource implements MediaSource {

  private final List<FlvTag> tags;
  private final long loopLength;
  private int index;
  private long loopOffset;

  /**
   * @param tags the file's tags
   * @throws IllegalArgumentException if the file has no audio or video tag
   */
  FlvSource(List<FlvTag> tags) {
    this.tags = tags.stream().filter(t -> t.type() != FlvTag.SCRIPT).toList();
    if (this.tags.isEmpty()) {
      throw new IllegalArgumentException("the FLV file has no audio or video tag");
    }
    long first = this.tags.get(0).timestamp();
    long last = this.tags.get(this.tags.size() - 1).timestamp();
    // One frame at 30 fps after the last tag, so that a loop does not repeat a timestamp.
    this.loopLength = Math.max(0, last - first) + 33;
  }

  @Override
  public Frame next() {
    if (index == tags.size()) {
      index = 0;
      loopOffset += loopLength;
    }
    FlvTag tag = tags.get(index++);
    long timestamp = loopOffset + tag.timestamp() - tags.get(0).timestamp();
    return new Tag(tag, timestamp);
  }

  /** Whether a video body is an AVC NALU packet (CodecID 7, AVCPacketType 1). */
  static boolean isAvcNalu(byte[] body) {
    return body.length >= 5 && (body[0] & 0x0F) == 7 && body[1] == 1;
  }

  private record Tag(FlvTag tag, long timestamp) implements Frame {
    @Override
    public Kind kind() {
      return tag.type() == FlvTag.AUDIO ? Kind.AUDIO : Kind.VIDEO;
    }

    @Override
    public boolean probed() {
      return tag.type() == FlvTag.VIDEO && isAvcNalu(tag.body());
    }

    @Override
    public ByteBuf render(ByteBufAllocator alloc, Probe probe) {
      byte[] body = tag.body();
      if (!probed()) {
        return alloc.buffer(body.length).writeBytes(body);
      }
      ByteBuf out = alloc.buffer(body.length + 5 + Probe.SIZE).writeBytes(body);
      out.writeInt(1 + Probe.SIZE).writeByte(0x0C);
      probe.writeTo(out);
      return out;
    }
  }
}
