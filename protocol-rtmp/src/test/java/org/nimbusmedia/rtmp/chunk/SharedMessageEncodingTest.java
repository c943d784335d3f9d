package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.AbstractReferenceCounted;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link SharedMessage} goes out exactly as the same {@link RawMessage} would, and its chunk body
 * is made once and shared by every connection instead of copied.
 */
class SharedMessageEncodingTest {

  /** A shared payload that makes its body on demand and counts how often. */
  private static final class CountingPayload extends AbstractReferenceCounted
      implements SharedPayload {
    private final ByteBuf content;
    private ByteBuf body;
    private int bodiesMade;

    CountingPayload(byte[] bytes) {
      this.content = Unpooled.wrappedBuffer(bytes);
    }

    @Override
    public ByteBuf content() {
      return content;
    }

    @Override
    public ByteBuf retainedChunkBody(int chunkSize, int chunkStreamId) {
      if (body == null) {
        body = ChunkBody.of(content.alloc(), content, chunkSize, chunkStreamId);
        bodiesMade++;
      }
      return body.retainedDuplicate();
    }

    @Override
    protected void deallocate() {
      content.release();
      if (body != null) {
        body.release();
      }
    }

    @Override
    public CountingPayload retain() {
      super.retain();
      return this;
    }

    @Override
    public CountingPayload touch(Object hint) {
      return this;
    }
  }

  private static byte[] written(EmbeddedChannel channel, List<ByteBuf> parts) {
    ByteBuf all = Unpooled.buffer();
    ByteBuf part;
    while ((part = channel.readOutbound()) != null) {
      all.writeBytes(part.duplicate());
      parts.add(part);
    }
    byte[] bytes = new byte[all.readableBytes()];
    all.readBytes(bytes);
    all.release();
    return bytes;
  }

  private static byte[] written(EmbeddedChannel channel) {
    List<ByteBuf> parts = new ArrayList<>();
    byte[] bytes = written(channel, parts);
    parts.forEach(ByteBuf::release);
    return bytes;
  }

  /** Chunk size 128, then a run of messages on one chunk stream: every header type appears. */
  private static final long[] TIMESTAMPS = {1000, 1033, 1066, 1099, 1099, 500, 1200};

  private static final int[] LENGTHS = {300, 300, 300, 20, 20, 128, 129};

  @Test
  void sharedMessagesGoOutByteForByteLikeRawOnes() {
    EmbeddedChannel raw = new EmbeddedChannel(new RtmpChunkEncoder());
    EmbeddedChannel shared = new EmbeddedChannel(new RtmpChunkEncoder());
    for (int i = 0; i < TIMESTAMPS.length; i++) {
      byte[] payload = Bytes.sequence(LENGTHS[i]);
      raw.writeOutbound(new RawMessage(6, 9, 1, TIMESTAMPS[i], Unpooled.wrappedBuffer(payload)));
      shared.writeOutbound(new SharedMessage(6, 9, 1, TIMESTAMPS[i], new CountingPayload(payload)));
      assertArrayEquals(written(raw), written(shared), "message " + i);
    }
    assertFalse(raw.finish());
    assertFalse(shared.finish());
  }

  @Test
  void extendedTimestampsFallBackToACopyThatRepeatsThem() {
    EmbeddedChannel raw = new EmbeddedChannel(new RtmpChunkEncoder());
    EmbeddedChannel shared = new EmbeddedChannel(new RtmpChunkEncoder());
    byte[] payload = Bytes.sequence(300);
    CountingPayload sharedPayload = new CountingPayload(payload);
    raw.writeOutbound(new RawMessage(6, 9, 1, 0x01000000L, Unpooled.wrappedBuffer(payload)));
    shared.writeOutbound(new SharedMessage(6, 9, 1, 0x01000000L, sharedPayload.retain()));
    assertArrayEquals(written(raw), written(shared));
    assertEquals(0, sharedPayload.bodiesMade);
    sharedPayload.release();
    assertEquals(0, sharedPayload.refCnt());
    assertFalse(raw.finish());
    assertFalse(shared.finish());
  }

  @Test
  void everyConnectionSendsItsOwnHeaderAndTheOneSharedBody() {
    CountingPayload payload = new CountingPayload(Bytes.sequence(300));
    List<ByteBuf> bodies = new ArrayList<>();
    for (int connection = 0; connection < 3; connection++) {
      EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
      // A different first timestamp per connection: the header differs, the body does not.
      channel.writeOutbound(new SharedMessage(6, 9, 1, connection * 40L, payload.retain()));
      List<ByteBuf> parts = new ArrayList<>();
      written(channel, parts);
      assertEquals(2, parts.size(), "header and body");
      parts.get(0).release();
      bodies.add(parts.get(1));
      assertFalse(channel.finish());
    }
    assertEquals(1, payload.bodiesMade);
    // One memory, not copies: a byte changed through one connection's buffer shows in the others.
    bodies.get(0).setByte(0, 0x55);
    for (ByteBuf body : bodies) {
      assertEquals(0x55, body.getUnsignedByte(0));
      body.release();
    }
    payload.release();
    assertEquals(0, payload.refCnt());
    assertEquals(0, payload.content.refCnt());
  }

  @Test
  void aSharedMessageNobodyWritesIsReleased() {
    CountingPayload payload = new CountingPayload(Bytes.sequence(10));
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.close();
    channel.pipeline().writeAndFlush(new SharedMessage(6, 9, 1, 0, payload));
    assertEquals(0, payload.refCnt());
    assertEquals(0, payload.content.refCnt());
  }
}
