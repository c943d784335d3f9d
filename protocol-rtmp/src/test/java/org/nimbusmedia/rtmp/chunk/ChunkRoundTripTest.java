package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Encoder and decoder agree on any message sequence, chunk size and read fragmentation. */
class ChunkRoundTripTest {

  record Spec(int csid, int type, int stream, long timestamp, byte[] payload) {}

  @Provide
  Arbitrary<Spec> messages() {
    return Combinators.combine(
            Arbitraries.of(2, 3, 4, 63, 64, 319, 320, 65599),
            Arbitraries.of(8, 9, 0x12, 0x14),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs().between(0, 0xFFFFFFFFL),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(700))
        .as(Spec::new);
  }

  @Property(tries = 200)
  void roundTrip(
      @ForAll @Size(max = 12) List<@net.jqwik.api.From("messages") Spec> specs,
      @ForAll @IntRange(min = 1, max = 300) int chunkSize,
      @ForAll @IntRange(min = 1, max = 500) int fragment) {
    EmbeddedChannel encoder = new EmbeddedChannel(new RtmpChunkEncoder());
    EmbeddedChannel decoder = new EmbeddedChannel(new RtmpChunkDecoder());
    ByteBuf size = Unpooled.buffer().writeInt(chunkSize);
    encoder.writeOutbound(new RawMessage(2, 1, 0, 0, size));
    for (Spec s : specs) {
      encoder.writeOutbound(
          new RawMessage(
              s.csid(), s.type(), s.stream(), s.timestamp(), Unpooled.wrappedBuffer(s.payload())));
    }
    ByteBuf wire = Unpooled.buffer();
    ByteBuf part;
    while ((part = encoder.readOutbound()) != null) {
      wire.writeBytes(part);
      part.release();
    }
    while (wire.isReadable()) {
      decoder.writeInbound(wire.readRetainedSlice(Math.min(fragment, wire.readableBytes())));
    }
    wire.release();
    RawMessage setChunkSize = decoder.readInbound();
    setChunkSize.release();
    for (Spec s : specs) {
      RawMessage m = decoder.readInbound();
      try {
        assertEquals(s.csid(), m.chunkStreamId());
        assertEquals(s.type(), m.typeId());
        assertEquals(s.stream(), m.streamId());
        assertEquals(s.timestamp(), m.timestamp());
        assertArrayEquals(s.payload(), ByteBufUtil.getBytes(m.content()));
      } finally {
        m.release();
      }
    }
    assertFalse(encoder.finish());
    assertFalse(decoder.finish());
  }
}
