package org.nimbusmedia.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** A frame owns its payload and the chunk bodies made from it, and frees them with itself. */
class StreamFrameTest {

  private static StreamFrame videoFrame(int size) {
    ByteBuf payload = Unpooled.directBuffer(size);
    payload.writeByte(0x27).writeByte(0x01); // AVC inter frame, NALU
    payload.writeZero(size - 2);
    return new StreamFrame(FrameKind.VIDEO, 40, payload);
  }

  @Test
  void chunkBodyIsMadeOnceAndFreedWithTheLastReferenceToTheFrame() {
    StreamFrame frame = videoFrame(300);
    ByteBuf payload = frame.content();
    ByteBuf first = frame.retainedChunkBody(128, 6);
    ByteBuf second = frame.retainedChunkBody(128, 6);
    // 300 bytes in pieces of 128 with a one-byte type 3 header (0xC6) before the 2nd and 3rd.
    assertEquals(302, first.readableBytes());
    assertEquals(0xC6, first.getUnsignedByte(128));
    assertEquals(0xC6, first.getUnsignedByte(257));
    first.setByte(0, 0x17);
    assertEquals(0x17, second.getUnsignedByte(0), "the same body, not a copy");
    first.release();
    second.release();
    assertEquals(1, payload.refCnt());

    frame.release();
    assertEquals(0, frame.refCnt());
    assertEquals(0, payload.refCnt());
  }

  @Test
  void aBodyInUseOutlivesTheFrame() {
    StreamFrame frame = videoFrame(200);
    ByteBuf body = frame.retainedChunkBody(128, 6);
    frame.release();
    assertEquals(201, body.readableBytes());
    assertTrue(body.release());
  }

  @Test
  void chunkSizesBeyondTheCachedOnesGetTheirOwnBody() {
    StreamFrame frame = videoFrame(300);
    ByteBuf[] bodies = {
      frame.retainedChunkBody(128, 6),
      frame.retainedChunkBody(256, 6),
      frame.retainedChunkBody(128, 4),
      frame.retainedChunkBody(4096, 6)
    };
    assertEquals(302, bodies[0].readableBytes());
    assertEquals(301, bodies[1].readableBytes());
    assertEquals(0xC4, bodies[2].getUnsignedByte(128));
    assertEquals(300, bodies[3].readableBytes());
    for (ByteBuf body : bodies) {
      body.release();
    }
    frame.release();
    for (ByteBuf body : bodies) {
      assertEquals(0, body.refCnt());
    }
  }

  @Test
  void aPayloadKeptByItselfOutlivesTheFrame() {
    StreamFrame frame = videoFrame(10);
    ByteBuf kept = frame.content().retain();
    frame.release();
    assertEquals(1, kept.refCnt());
    kept.release();
  }
}
