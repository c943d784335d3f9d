package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusmedia.rtmp.chunk.Bytes.buf;
import static org.nimbusmedia.rtmp.chunk.Bytes.drain;
import static org.nimbusmedia.rtmp.chunk.Bytes.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunk reassembly per RTMP 1.0 section 5.3, through {@link EmbeddedChannel}. */
class RtmpChunkDecoderTest {

  /** Section 5.3.1.2.1: type 0 header, 1-byte basic header. */
  private static final String TYPE0_AUDIO =
      """
      04             // fmt 0, csid 4
      00 03 e8       // timestamp 1000
      00 00 05       // message length 5
      08             // type 8 (audio)
      01 00 00 00    // message stream id 1, little-endian
      af 01 11 22 33 // payload
      """;

  private static RawMessage readOne(EmbeddedChannel channel) {
    RawMessage message = channel.readInbound();
    assertTrue(message != null, "expected a message");
    return message;
  }

  private static void assertMessage(
      RawMessage message, int csid, int type, int stream, long timestamp, String payload) {
    try {
      assertEquals(csid, message.chunkStreamId(), "csid");
      assertEquals(type, message.typeId(), "type");
      assertEquals(stream, message.streamId(), "stream id");
      assertEquals(timestamp, message.timestamp(), "timestamp");
      assertArrayEquals(hex(payload), ByteBufUtil.getBytes(message.content()), "payload");
    } finally {
      message.release();
    }
  }

  @Test
  void type0HeaderDecodesAllFields() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(buf(TYPE0_AUDIO));
    assertMessage(readOne(channel), 4, 8, 1, 1000, "af 01 11 22 33");
    assertFalse(channel.finish());
  }

  @Test
  void type1Type2AndType3HeadersAddTimestampDeltas() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(
        buf(
            TYPE0_AUDIO
                + """
                44             // fmt 1, csid 4
                00 00 14       // timestamp delta 20
                00 00 02       // message length 2
                09             // type 9 (video)
                17 00          // payload
                84             // fmt 2, csid 4
                00 00 1e       // timestamp delta 30
                27 01          // payload (length 2 from the type 1 header)
                c4             // fmt 3, csid 4: same length, type and delta 30
                27 02          // payload
                """));
    assertMessage(readOne(channel), 4, 8, 1, 1000, "af 01 11 22 33");
    assertMessage(readOne(channel), 4, 9, 1, 1020, "17 00");
    assertMessage(readOne(channel), 4, 9, 1, 1050, "27 01");
    assertMessage(readOne(channel), 4, 9, 1, 1080, "27 02");
    assertFalse(channel.finish());
  }

  @Test
  void type3AfterType0ReusesTheType0TimestampAsDelta() {
    // Section 5.3.1.2.4: a type 3 chunk may follow type 0 when the delta equals the first
    // timestamp.
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(
        buf(
            """
            05 00 00 28 00 00 01 09 01 00 00 00 aa // fmt 0, csid 5, ts 40, len 1, video, stream 1
            c5 bb                                  // fmt 3, csid 5: ts 80
            """));
    assertMessage(readOne(channel), 5, 9, 1, 40, "aa");
    assertMessage(readOne(channel), 5, 9, 1, 80, "bb");
    assertFalse(channel.finish());
  }

  @Test
  void twoAndThreeByteChunkStreamIds() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(
        buf(
            """
            00 00                                 // fmt 0, 2-byte form: csid 64 + 0 = 64
            00 00 01 00 00 01 12 00 00 00 00 01   // ts 1, len 1, type 0x12, stream 0, payload
            00 ff                                 // fmt 0, 2-byte form: csid 64 + 255 = 319
            00 00 02 00 00 01 12 00 00 00 00 02   // ts 2, len 1, type 0x12, stream 0, payload
            01 00 01                              // fmt 0, 3-byte form: csid 64 + 0 + 1*256 = 320
            00 00 03 00 00 01 12 00 00 00 00 03   // ts 3, len 1, type 0x12, stream 0, payload
            01 ff ff                              // fmt 0, 3-byte form: csid 64 + 255 + 255*256
            00 00 04 00 00 01 12 00 00 00 00 04   // ts 4, len 1, type 0x12, stream 0, payload
            """));
    assertMessage(readOne(channel), 64, 0x12, 0, 1, "01");
    assertMessage(readOne(channel), 319, 0x12, 0, 2, "02");
    assertMessage(readOne(channel), 320, 0x12, 0, 3, "03");
    assertMessage(readOne(channel), 65599, 0x12, 0, 4, "04");
    assertFalse(channel.finish());
  }

  /** Type 0 then a continuation type 3 chunk, both carrying the extended timestamp. */
  private static final String EXTENDED_TWO_CHUNKS =
      """
      02 000000 000004 01 00000000 // fmt 0, csid 2, ts 0, length 4, Set Chunk Size, stream 0
      00000005       // chunk size 5
      06             // fmt 0, csid 6
      ff ff ff       // timestamp marker: extended timestamp follows
      00 00 07       // message length 7
      09             // type 9
      01 00 00 00    // stream 1
      01 00 00 00    // extended timestamp 0x01000000
      01 02 03 04 05 // first chunk: 5 bytes (chunk size 5)
      c6             // fmt 3, csid 6
      01 00 00 00    // extended timestamp repeated on the type 3 chunk (librtmp, FMS)
      06 07          // rest of the payload
      """;

  @Test
  void extendedTimestampIsRepeatedOnType3Chunks() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(buf(EXTENDED_TWO_CHUNKS));
    assertMessage(readOne(channel), 2, 1, 0, 0, "00 00 00 05");
    assertMessage(readOne(channel), 6, 9, 1, 0x01000000L, "01 02 03 04 05 06 07");
    assertFalse(channel.finish());
  }

  @Test
  void extendedTimestampDeltaOnType3MessageStart() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(
        buf(
            """
            07 00 00 00 00 00 01 08 01 00 00 00 aa // fmt 0, csid 7, ts 0, len 1, audio
            87 ff ff ff    // fmt 2, csid 7, delta marker
            01 00 00 00    // extended delta 0x01000000
            bb             // payload
            c7             // fmt 3, csid 7: same delta, extended
            01 00 00 00    // extended delta repeated
            cc             // payload
            """));
    assertMessage(readOne(channel), 7, 8, 1, 0, "aa");
    assertMessage(readOne(channel), 7, 8, 1, 0x01000000L, "bb");
    assertMessage(readOne(channel), 7, 8, 1, 0x02000000L, "cc");
    assertFalse(channel.finish());
  }

  @Test
  void timestampsWrapAt32Bits() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    channel.writeInbound(
        buf(
            """
            07 ff ff ff 00 00 01 08 01 00 00 00 ffff fff0 aa // fmt 0, ext ts 0xfffffff0
            87 00 00 20 bb                                   // fmt 2, delta 32
            """));
    assertMessage(readOne(channel), 7, 8, 1, 0xFFFFFFF0L, "aa");
    assertMessage(readOne(channel), 7, 8, 1, 0x10, "bb");
    assertFalse(channel.finish());
  }

  @Test
  void everyFragmentSizeGivesTheSameMessages() {
    byte[] input = hex(EXTENDED_TWO_CHUNKS + TYPE0_AUDIO);
    for (int fragment = 1; fragment <= input.length; fragment++) {
      EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
      for (int offset = 0; offset < input.length; offset += fragment) {
        int size = Math.min(fragment, input.length - offset);
        channel.writeInbound(Unpooled.copiedBuffer(input, offset, size));
      }
      assertMessage(readOne(channel), 2, 1, 0, 0, "00 00 00 05");
      assertMessage(readOne(channel), 6, 9, 1, 0x01000000L, "01 02 03 04 05 06 07");
      assertMessage(readOne(channel), 4, 8, 1, 1000, "af 01 11 22 33");
      assertFalse(channel.finish(), "fragment size " + fragment);
    }
  }

  @Test
  void multiChunkMessageAtDefaultChunkSize() {
    byte[] payload = Bytes.sequence(300);
    ByteBuf in = Unpooled.buffer();
    in.writeBytes(hex("03 000000 00012c 14 00000000")); // fmt 0, csid 3, len 300, type 0x14
    in.writeBytes(payload, 0, 128);
    in.writeByte(0xc3).writeBytes(payload, 128, 128); // fmt 3 continuation
    in.writeByte(0xc3).writeBytes(payload, 256, 44);
    byte[] input = drain(in);
    for (int fragment = 1; fragment <= input.length; fragment++) {
      EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
      for (int offset = 0; offset < input.length; offset += fragment) {
        channel.writeInbound(
            Unpooled.copiedBuffer(input, offset, Math.min(fragment, input.length - offset)));
      }
      RawMessage message = readOne(channel);
      try {
        assertArrayEquals(payload, ByteBufUtil.getBytes(message.content()));
      } finally {
        message.release();
      }
      assertFalse(channel.finish());
    }
  }

  @Test
  void abortDropsThePartialMessage() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    byte[] first = Bytes.sequence(128);
    ByteBuf in = Unpooled.buffer();
    in.writeBytes(hex("08 000000 0000c8 09 01000000")); // fmt 0, csid 8, len 200, video
    in.writeBytes(first);
    in.writeBytes(hex("02 000000 000004 02 00000000 00000008")); // Abort csid 8 (5.4.2)
    in.writeBytes(hex("08 000000 000001 09 01000000 ee")); // a new type 0 message on csid 8
    channel.writeInbound(in);
    assertMessage(readOne(channel), 2, 2, 0, 0, "00000008");
    assertMessage(readOne(channel), 8, 9, 1, 0, "ee");
    assertFalse(channel.finish());
  }

  @Test
  void setChunkSizeBeyondTheCapFails() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULTS.withMaxChunkSize(65536)));
    RtmpProtocolException e =
        assertThrows(
            RtmpProtocolException.class,
            () -> channel.writeInbound(buf("02 000000 000004 01 00000000 00010001")));
    assertTrue(e.getMessage().contains("65537"), e.getMessage());
    // Once bad, the decoder discards everything.
    assertFalse(channel.writeInbound(buf(TYPE0_AUDIO)));
    assertFalse(channel.finish());
  }

  @Test
  void setChunkSizeWithTheTopBitSetFails() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    assertThrows(
        RtmpProtocolException.class,
        () -> channel.writeInbound(buf("02 000000 000004 01 00000000 80000000")));
    assertFalse(channel.finish());
  }

  @Test
  void oversizedMessageFailsBeforeItsPayloadArrives() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULTS.withMaxMessageSize(1 << 20)));
    // The largest length a 24-bit field can announce; only the header is sent.
    RtmpProtocolException e =
        assertThrows(
            RtmpProtocolException.class,
            () -> channel.writeInbound(buf("04 000000 ffffff 09 01000000")));
    assertTrue(e.getMessage().contains("16777215"), e.getMessage());
    assertFalse(channel.finish());
  }

  @Test
  void chunkStreamFloodFails() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULTS.withMaxChunkStreams(8)));
    ByteBuf in = Unpooled.buffer();
    for (int csid = 3; csid < 3 + 9; csid++) {
      in.writeByte(csid).writeBytes(hex("000000 000001 09 01000000 00"));
    }
    RtmpProtocolException e =
        assertThrows(RtmpProtocolException.class, () -> channel.writeInbound(in));
    assertTrue(e.getMessage().contains("limit of 8 chunk streams"), e.getMessage());
    for (int i = 0; i < 8; i++) {
      ((RawMessage) channel.readInbound()).release();
    }
    assertNull(channel.readInbound());
    assertFalse(channel.finish());
  }

  @Test
  void interleavedPartialMessagesAreBounded() {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new RtmpChunkDecoder(
                RtmpLimits.DEFAULTS.withMaxMessageSize(1000).withMaxPendingBytes(2500)));
    ByteBuf in = Unpooled.buffer();
    for (int csid = 3; csid < 6; csid++) {
      // fmt 0, ts 0, length 1000, video, stream 1, then only the first 128-byte chunk.
      in.writeByte(csid).writeBytes(hex("000000 0003e8 09 01000000"));
      in.writeBytes(new byte[128]);
    }
    RtmpProtocolException e =
        assertThrows(RtmpProtocolException.class, () -> channel.writeInbound(in));
    assertTrue(e.getMessage().contains("over the limit of 2500"), e.getMessage());
    assertFalse(channel.finish());
  }

  @Test
  void firstChunkOfAStreamMustBeType0() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder());
    assertThrows(
        RtmpProtocolException.class, () -> channel.writeInbound(buf("44 000000 000001 09 00")));
    assertFalse(channel.finish());
  }

  @Test
  void windowAcknowledgementSizeTriggersAcknowledgements() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder(), new RtmpChunkDecoder());
    // Window Acknowledgement Size 32 (5.4.4): 16 bytes on the wire.
    channel.writeInbound(buf("02 000000 000004 05 00000000 00000020"));
    ((RawMessage) channel.readInbound()).release();
    assertNull(channel.readOutbound(), "16 bytes received, window is 32");
    channel.writeInbound(buf(TYPE0_AUDIO + TYPE0_AUDIO));
    assertArrayEquals(
        hex("02 000000 000004 03 00000000 00000032"), // Acknowledgement, sequence number 50
        drain(channel.readOutbound()));
    ((RawMessage) channel.readInbound()).release();
    ((RawMessage) channel.readInbound()).release();
    assertFalse(channel.finish());
  }

  @Test
  void flippedBitsGiveMessagesOrTheProtocolExceptionOnly() {
    byte[] input = hex(EXTENDED_TWO_CHUNKS + TYPE0_AUDIO);
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] corrupt = input.clone();
      int flips = 1 + random.nextInt(3);
      for (int i = 0; i < flips; i++) {
        corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 << random.nextInt(8));
      }
      ExceptionRecorder recorder = new ExceptionRecorder();
      EmbeddedChannel channel =
          new EmbeddedChannel(
              new RtmpChunkDecoder(new RtmpLimits(1 << 16, 1 << 16, 16, 1 << 17)), recorder);
      channel.writeInbound(Unpooled.wrappedBuffer(corrupt));
      assertTrue(recorder.exceptions.size() <= 1, "the decoder stops after one failure");
      recorder.exceptions.forEach(e -> assertInstanceOf(RtmpProtocolException.class, e));
      Object message;
      while ((message = channel.readInbound()) != null) {
        ((RawMessage) message).release();
      }
      channel.finishAndReleaseAll();
    }
  }
}
