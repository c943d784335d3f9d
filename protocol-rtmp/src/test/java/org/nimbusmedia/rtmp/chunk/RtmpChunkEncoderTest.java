package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.nimbusmedia.rtmp.chunk.Bytes.drain;
import static org.nimbusmedia.rtmp.chunk.Bytes.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Chunk output per RTMP 1.0 section 5.3, compared byte for byte. */
class RtmpChunkEncoderTest {

  private static RawMessage message(int csid, int type, int stream, long timestamp, String hex) {
    return new RawMessage(csid, type, stream, timestamp, Unpooled.wrappedBuffer(hex(hex)));
  }

  private static RawMessage message(int csid, int type, int stream, long timestamp, byte[] data) {
    return new RawMessage(csid, type, stream, timestamp, Unpooled.wrappedBuffer(data));
  }

  /** Everything written so far, as one array. */
  private static byte[] written(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    ByteBuf part;
    while ((part = channel.readOutbound()) != null) {
      all.writeBytes(part);
      part.release();
    }
    return drain(all);
  }

  @Test
  void headerTypesFollowWhatChanged() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.writeOutbound(
        message(4, 8, 1, 1000, "aa bb"),
        message(4, 9, 1, 1020, "cc"),
        message(4, 9, 1, 1050, "dd"),
        message(4, 9, 1, 1080, "ee"),
        message(4, 9, 2, 1080, "ff"));
    assertArrayEquals(
        hex(
            """
            04 0003e8 000002 08 01000000 aabb // fmt 0, csid 4: first message
            44 000014 000001 09 cc            // fmt 1: length and type changed, delta 20
            84 00001e dd                      // fmt 2: only the delta changed (30)
            c4 ee                             // fmt 3: delta 30 again
            04 000438 000001 09 02000000 ff   // fmt 0: new message stream id 2
            """),
        written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void type3NeverFollowsType0Directly() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.writeOutbound(message(5, 9, 1, 40, "aa"), message(5, 9, 1, 80, "bb"));
    assertArrayEquals(
        hex(
            """
            05 000028 000001 09 01000000 aa // fmt 0, ts 40
            85 000028 bb                    // fmt 2, delta 40, not fmt 3
            """),
        written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void timestampGoingBackwardsUsesType0() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.writeOutbound(message(5, 9, 1, 80, "aa"), message(5, 9, 1, 40, "bb"));
    assertArrayEquals(
        hex(
            """
            05 000050 000001 09 01000000 aa // fmt 0, ts 80
            05 000028 000001 09 01000000 bb // fmt 0, ts 40
            """),
        written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void splitsAtTheDefaultChunkSizeOf128() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    byte[] payload = Bytes.sequence(300);
    channel.writeOutbound(message(3, 0x14, 0, 0, payload));
    ByteBuf expected = Unpooled.buffer();
    expected.writeBytes(hex("03 000000 00012c 14 00000000")); // fmt 0, csid 3, length 300
    expected.writeBytes(payload, 0, 128);
    expected.writeByte(0xc3).writeBytes(payload, 128, 128); // fmt 3 continuation
    expected.writeByte(0xc3).writeBytes(payload, 256, 44);
    assertArrayEquals(drain(expected), written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void extendedTimestampIsRepeatedOnContinuationChunks() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    byte[] payload = Bytes.sequence(130);
    channel.writeOutbound(message(6, 9, 1, 0x01000000L, payload));
    ByteBuf expected = Unpooled.buffer();
    expected.writeBytes(hex("06 ffffff 000082 09 01000000")); // fmt 0, marker, length 130
    expected.writeBytes(hex("01000000")); // extended timestamp
    expected.writeBytes(payload, 0, 128);
    expected.writeBytes(hex("c6 01000000")); // fmt 3 + extended timestamp again
    expected.writeBytes(payload, 128, 2);
    assertArrayEquals(drain(expected), written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void twoAndThreeByteChunkStreamIds() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.writeOutbound(message(64, 8, 1, 0, "01"), message(320, 8, 1, 0, "02"));
    assertArrayEquals(
        hex(
            """
            00 00    000000 000001 08 01000000 01 // fmt 0, 2-byte csid: 64 + 0
            01 0001  000000 000001 08 01000000 02 // fmt 0, 3-byte csid: 64 + 0 + 1*256
            """),
        written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void setChunkSizeAppliesToTheFollowingMessages() {
    RtmpChunkEncoder encoder = new RtmpChunkEncoder();
    EmbeddedChannel channel = new EmbeddedChannel(encoder);
    byte[] payload = Bytes.sequence(200);
    channel.writeOutbound(message(2, 1, 0, 0, "00001000"), message(3, 0x14, 0, 0, payload));
    assertEquals(4096, encoder.chunkSize());
    ByteBuf expected = Unpooled.buffer();
    expected.writeBytes(hex("02 000000 000004 01 00000000 00001000")); // Set Chunk Size 4096
    expected.writeBytes(hex("03 000000 0000c8 14 00000000")); // one chunk of 200 bytes
    expected.writeBytes(payload);
    assertArrayEquals(drain(expected), written(channel));
    assertFalse(channel.finish());
  }

  @Test
  void whatTheEncoderWritesTheDecoderReads() {
    EmbeddedChannel encoder = new EmbeddedChannel(new RtmpChunkEncoder());
    encoder.writeOutbound(
        message(2, 1, 0, 0, "00000040"),
        message(4, 8, 1, 0xFFFFFFF0L, Bytes.sequence(100)),
        message(4, 8, 1, 0xFFFFFFFFL, Bytes.sequence(100)),
        message(400, 9, 1, 0x7FFFFFFFL, Bytes.sequence(1000)));
    EmbeddedChannel decoder = new EmbeddedChannel(new RtmpChunkDecoder());
    decoder.writeInbound(Unpooled.wrappedBuffer(written(encoder)));
    long[] timestamps = {0, 0xFFFFFFF0L, 0xFFFFFFFFL, 0x7FFFFFFFL};
    int[] lengths = {4, 100, 100, 1000};
    for (int i = 0; i < 4; i++) {
      RawMessage m = decoder.readInbound();
      assertEquals(timestamps[i], m.timestamp());
      assertEquals(lengths[i], m.content().readableBytes());
      m.release();
    }
    assertFalse(encoder.finish());
    assertFalse(decoder.finish());
  }
}
