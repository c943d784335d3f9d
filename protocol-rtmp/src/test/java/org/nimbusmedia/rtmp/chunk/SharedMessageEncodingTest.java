package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.AbstractReferenceCounted;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.testing.TrackedAllocator;

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

  /**
   * Chunk size 128, then a run of messages on one chunk stream: every header type appears, with
   * payloads long enough for a shared body and short ones that are copied.
   */
  private static final long[] TIMESTAMPS = {1000, 1033, 1066, 1099, 1099, 500, 1200};

  private static final int[] LENGTHS = {1300, 1300, 1300, 20, 20, 128, 1500};

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
    CountingPayload payload = new CountingPayload(Bytes.sequence(3000));
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
  void aShortPayloadIsCopiedIntoOneBuffer() {
    byte[] bytes = Bytes.sequence(RtmpChunkEncoder.MIN_SHARED_BODY - 1);
    CountingPayload payload = new CountingPayload(bytes);
    EmbeddedChannel raw = new EmbeddedChannel(new RtmpChunkEncoder());
    EmbeddedChannel shared = new EmbeddedChannel(new RtmpChunkEncoder());
    raw.writeOutbound(new RawMessage(4, 8, 1, 40, Unpooled.wrappedBuffer(bytes)));
    shared.writeOutbound(new SharedMessage(4, 8, 1, 40, payload.retain()));
    List<ByteBuf> parts = new ArrayList<>();
    assertArrayEquals(written(raw), written(shared, parts));
    assertEquals(1, parts.size(), "header and payload in one buffer");
    assertEquals(0, payload.bodiesMade);
    parts.forEach(ByteBuf::release);
    payload.release();
    assertEquals(0, payload.refCnt());
    assertFalse(raw.finish());
    assertFalse(shared.finish());
  }

  @Test
  void unobservedWritesAreCoalescedIntoFewBuffersWithTheSameBytes() {
    EmbeddedChannel raw = new EmbeddedChannel(new RtmpChunkEncoder());
    EmbeddedChannel coalescing = new EmbeddedChannel(new RtmpChunkEncoder());
    CountingPayload video = new CountingPayload(Bytes.sequence(3000));
    for (int i = 0; i < 3; i++) {
      byte[] audio = Bytes.sequence(300 + i);
      raw.write(new RawMessage(4, 8, 1, 23L * i, Unpooled.wrappedBuffer(audio)));
      coalescing.write(
          new SharedMessage(4, 8, 1, 23L * i, new CountingPayload(audio)),
          coalescing.voidPromise());
    }
    raw.write(new RawMessage(6, 9, 1, 40, Unpooled.wrappedBuffer(Bytes.sequence(3000))));
    coalescing.write(new SharedMessage(6, 9, 1, 40, video.retain()), coalescing.voidPromise());
    byte[] command = Bytes.sequence(50);
    raw.writeAndFlush(new RawMessage(3, 20, 0, 0, Unpooled.wrappedBuffer(command)));
    coalescing.writeAndFlush(new RawMessage(3, 20, 0, 0, Unpooled.wrappedBuffer(command)));

    List<ByteBuf> parts = new ArrayList<>();
    assertArrayEquals(written(raw), written(coalescing, parts));
    assertEquals(
        3, parts.size(), "three audio frames and the video header; the shared body; the command");
    assertEquals(1, video.bodiesMade);
    parts.forEach(ByteBuf::release);
    video.release();
    assertEquals(0, video.content.refCnt());
    assertFalse(raw.finish());
    assertFalse(coalescing.finish());
  }

  @Test
  void coalescedChunksGoDownInBuffersOfAtMostTheLimit() {
    EmbeddedChannel raw = new EmbeddedChannel(new RtmpChunkEncoder());
    EmbeddedChannel coalescing = new EmbeddedChannel(new RtmpChunkEncoder());
    byte[] audio = Bytes.sequence(1000);
    int messages = RtmpChunkEncoder.COALESCE_LIMIT / 1000 + 2;
    for (int i = 0; i < messages; i++) {
      raw.write(new RawMessage(4, 8, 1, 23L * i, Unpooled.wrappedBuffer(audio)));
      coalescing.write(
          new SharedMessage(4, 8, 1, 23L * i, new CountingPayload(audio)),
          coalescing.voidPromise());
    }
    raw.flush();
    assertTrue(coalescing.outboundMessages().isEmpty(), "nothing is sent before the flush");
    coalescing.flush();

    List<ByteBuf> parts = new ArrayList<>();
    assertArrayEquals(written(raw), written(coalescing, parts));
    assertEquals(2, parts.size());
    for (ByteBuf part : parts) {
      assertTrue(part.readableBytes() <= RtmpChunkEncoder.COALESCE_LIMIT);
      part.release();
    }
    assertFalse(raw.finish());
    assertFalse(coalescing.finish());
  }

  @Test
  void coalescedChunksOfAClosedConnectionAreReleased() {
    TrackedAllocator allocator = new TrackedAllocator();
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.config().setAllocator(allocator.allocator());
    channel.write(
        new SharedMessage(4, 8, 1, 0, new CountingPayload(Bytes.sequence(100))),
        channel.voidPromise());
    assertTrue(allocator.liveBytes() > 0, "held for the next flush");
    channel.close();
    assertFalse(channel.finish());
    assertEquals(0, allocator.liveBytes());
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
