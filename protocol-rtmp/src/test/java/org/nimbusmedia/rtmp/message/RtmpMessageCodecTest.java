package org.nimbusmedia.rtmp.message;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.chunk.ExceptionRecorder;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpChunkDecoder;
import org.nimbusmedia.rtmp.chunk.RtmpChunkEncoder;
import org.nimbusmedia.rtmp.chunk.RtmpProtocolException;

/** Typed control and media messages through the chunk codec (RTMP 1.0 sections 5.4, 6, 7). */
class RtmpMessageCodecTest {

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new RtmpChunkDecoder(), new RtmpChunkEncoder(), new RtmpMessageCodec());
  }

  private static Object decodeOne(String annotated) {
    EmbeddedChannel channel = channel();
    channel.writeInbound(buf(annotated));
    Object message = channel.readInbound();
    assertNull(channel.readInbound());
    assertFalse(channel.finish());
    return message;
  }

  private static byte[] encode(Object message) {
    EmbeddedChannel channel = channel();
    channel.writeOutbound(message);
    ByteBuf out = channel.readOutbound();
    assertFalse(channel.finish());
    return drain(out);
  }

  /** Each control message: wire bytes, decoded record, and the record encoded back. */
  private static void assertControl(String wire, ControlMessage expected) {
    assertEquals(expected, decodeOne(wire));
    assertArrayEquals(hex(wire), encode(expected));
  }

  @Test
  void setChunkSize() {
    assertControl(
        """
        02 000000 000004 01 00000000 // fmt 0, csid 2, ts 0, length 4, type 1, stream 0
        00001000                     // chunk size 4096 (5.4.1)
        """,
        new SetChunkSize(4096));
  }

  @Test
  void abort() {
    assertControl(
        """
        02 000000 000004 02 00000000 // type 2
        00000005                     // chunk stream id 5 (5.4.2)
        """,
        new Abort(5));
  }

  @Test
  void acknowledgement() {
    assertControl(
        """
        02 000000 000004 03 00000000 // type 3
        fffffffe                     // sequence number 2^32 - 2 (5.4.3)
        """,
        new Acknowledgement(0xFFFFFFFEL));
  }

  @Test
  void windowAcknowledgementSize() {
    assertControl(
        """
        02 000000 000004 05 00000000 // type 5
        002625a0                     // 2500000 bytes (5.4.4)
        """,
        new WindowAcknowledgementSize(2_500_000));
  }

  @Test
  void setPeerBandwidthWithEachLimitType() {
    assertControl(
        """
        02 000000 000005 06 00000000 // type 6, length 5
        002625a0 02                  // 2500000 bytes, limit type 2 dynamic (5.4.5)
        """,
        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC));
    assertControl(
        "02 000000 000005 06 00000000 00001000 00 // limit type 0 hard",
        new SetPeerBandwidth(4096, SetPeerBandwidth.LimitType.HARD));
    assertControl(
        "02 000000 000005 06 00000000 00001000 01 // limit type 1 soft",
        new SetPeerBandwidth(4096, SetPeerBandwidth.LimitType.SOFT));
  }

  @Test
  void setPeerBandwidthWithAnUnknownLimitTypeFails() {
    EmbeddedChannel channel = channel();
    assertThrows(
        RtmpProtocolException.class,
        () -> channel.writeInbound(buf("02 000000 000005 06 00000000 00001000 03")));
    assertFalse(channel.finish());
  }

  @Test
  void userControlEvents() {
    // Header: fmt 0, csid 2, ts 0, type 4, stream 0; then event type (2 bytes) and data (7.1.7).
    assertControl(
        "02 000000 000006 04 00000000 0000 00000001 // StreamBegin 1",
        new UserControlEvent.StreamBegin(1));
    assertControl(
        "02 000000 000006 04 00000000 0001 00000001 // StreamEOF 1",
        new UserControlEvent.StreamEof(1));
    assertControl(
        "02 000000 000006 04 00000000 0002 00000001 // StreamDry 1",
        new UserControlEvent.StreamDry(1));
    assertControl(
        "02 000000 00000a 04 00000000 0003 00000001 00000bb8 // SetBufferLength 1, 3000 ms",
        new UserControlEvent.SetBufferLength(1, 3000));
    assertControl(
        "02 000000 000006 04 00000000 0004 00000001 // StreamIsRecorded 1",
        new UserControlEvent.StreamIsRecorded(1));
    assertControl(
        "02 000000 000006 04 00000000 0006 ffffffff // PingRequest 2^32-1",
        new UserControlEvent.PingRequest(0xFFFFFFFFL));
    assertControl(
        "02 000000 000006 04 00000000 0007 00000010 // PingResponse 16",
        new UserControlEvent.PingResponse(16));
    assertControl(
        "02 000000 000006 04 00000000 001f 00000001 // BufferEmpty 1",
        new UserControlEvent.BufferEmpty(1));
    assertControl(
        "02 000000 000006 04 00000000 0020 00000001 // BufferReady 1",
        new UserControlEvent.BufferReady(1));
  }

  @Test
  void unknownUserControlEventIsKeptRaw() {
    assertControl(
        "02 000000 000004 04 00000000 001a 0102 // SWFVerify request (26), data 01 02",
        new UserControlEvent.Unknown(26, new byte[] {1, 2}));
  }

  @Test
  void truncatedUserControlEventFails() {
    EmbeddedChannel channel = channel();
    assertThrows(
        RtmpProtocolException.class,
        () -> channel.writeInbound(buf("02 000000 000004 04 00000000 0000 0001")));
    assertFalse(channel.finish());
  }

  @Test
  void recordsValidateTheirFields() {
    assertThrows(IllegalArgumentException.class, () -> new SetChunkSize(0));
    assertThrows(IllegalArgumentException.class, () -> new Abort(65600));
    assertThrows(IllegalArgumentException.class, () -> new Acknowledgement(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> new WindowAcknowledgementSize(-1));
    assertThrows(NullPointerException.class, () -> new SetPeerBandwidth(1, null));
  }

  @Test
  void commandAndDataMessagesStayRaw() {
    for (int type : new int[] {0x0F, 0x10, 0x11, 0x12, 0x13, 0x14}) {
      Object message =
          decodeOne(
              String.format("03 000000 000002 %02x 00000000 0203 // type %d, 2 bytes", type, type));
      RawMessage raw = assertInstanceOf(RawMessage.class, message);
      assertEquals(type, raw.typeId());
      assertArrayEquals(new byte[] {2, 3}, ByteBufUtil.getBytes(raw.content()));
      raw.release();
    }
  }

  @Test
  void audioAndVideoBecomeMediaMessages() {
    VideoMessage video =
        assertInstanceOf(
            VideoMessage.class,
            decodeOne(
                """
                06 0003e8 000005 09 01000000 // fmt 0, csid 6, ts 1000, length 5, video, stream 1
                17 00 000000                 // keyframe, AVC, AVC sequence header
                """));
    assertEquals(1, video.streamId());
    assertEquals(1000, video.timestamp());
    assertTrue(video.isKeyframe());
    assertTrue(video.isAvcSequenceHeader());
    assertTrue(video.isSequenceHeader());
    assertArrayEquals(
        hex("06 0003e8 000005 09 01000000 17 00 000000"), encode(video.retainedDuplicate()));
    video.release();

    AudioMessage audio =
        assertInstanceOf(
            AudioMessage.class,
            decodeOne("04 000000 000002 08 01000000 af 00 // AAC, sequence header"));
    assertTrue(audio.isAacSequenceHeader());
    assertEquals(10, audio.soundFormat());
    audio.release();
  }

  @Test
  void aggregateIsSplitWithRebasedTimestamps() {
    List<Object> messages;
    EmbeddedChannel channel = channel();
    channel.writeInbound(
        buf(
            """
            05 000064 000021 16 01000000 // fmt 0, csid 5, ts 100, length 33, aggregate, stream 1
            09 000002 00000a 00 000001   // sub 1: video, size 2, ts 10, stream 1
            17 01                        //   payload
            0000000d                     //   back pointer 13
            08 000001 000014 00 000001   // sub 2: audio, size 1, ts 20, stream 1
            af                           //   payload
            0000000c                     //   back pointer 12
            """));
    messages = List.of(channel.readInbound(), channel.readInbound());
    assertNull(channel.readInbound());
    assertFalse(channel.finish());
    VideoMessage video = assertInstanceOf(VideoMessage.class, messages.get(0));
    AudioMessage audio = assertInstanceOf(AudioMessage.class, messages.get(1));
    assertEquals(100, video.timestamp());
    assertEquals(110, audio.timestamp());
    assertEquals(1, audio.streamId());
    assertArrayEquals(new byte[] {0x17, 0x01}, ByteBufUtil.getBytes(video.content()));
    video.release();
    audio.release();
  }

  @Test
  void truncatedAggregateFailsWithoutLeaking() {
    RawMessage aggregate =
        new RawMessage(
            5,
            MessageType.AGGREGATE,
            1,
            0,
            buf(
                """
                09 000002 00000a 00 000001 1701 0000000d // a whole sub-message
                08 000005 000014 00 000001 af            // size 5 but 1 byte left
                """));
    RtmpProtocolException e =
        assertThrows(RtmpProtocolException.class, () -> AggregateSplitter.split(aggregate));
    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
    assertTrue(aggregate.release());
  }

  @Test
  void enhancedRtmpVideo() {
    VideoMessage video =
        new VideoMessage(
            1, 0, Unpooled.wrappedBuffer(hex("90 68766331 00"))); // ex header, key, seq start, hvc1
    assertTrue(video.isEnhanced());
    assertTrue(video.isKeyframe());
    assertTrue(video.isSequenceHeader());
    assertFalse(video.isAvcSequenceHeader());
    assertEquals("hvc1", video.fourCc().orElseThrow());
    assertEquals(-1, video.codecId());
    video.release();

    VideoMessage empty = new VideoMessage(1, 0, Unpooled.EMPTY_BUFFER);
    assertFalse(empty.isKeyframe());
    assertFalse(empty.isSequenceHeader());
    assertTrue(empty.fourCc().isEmpty());
  }

  @Test
  void flippedBitsGiveMessagesOrTheProtocolExceptionOnly() {
    byte[] input =
        hex(
            """
            02 000000 000005 06 00000000 002625a0 02 // Set Peer Bandwidth
            02 000000 00000a 04 00000000 0003 00000001 00000bb8 // SetBufferLength
            05 000064 000021 16 01000000 // aggregate of 33 bytes
            09 000002 00000a 00 000001 1701 0000000d
            08 000001 000014 00 000001 af 0000000c
            02 000000 000004 02 00000000 00000005 // Abort 5
            """);
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 3000; round++) {
      byte[] corrupt = input.clone();
      corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 << random.nextInt(8));
      ExceptionRecorder recorder = new ExceptionRecorder();
      EmbeddedChannel channel =
          new EmbeddedChannel(
              new RtmpChunkDecoder(
                  new org.nimbusmedia.rtmp.chunk.RtmpLimits(1 << 16, 1 << 16, 8, 1 << 17)),
              new RtmpChunkEncoder(),
              new RtmpMessageCodec(),
              recorder);
      channel.writeInbound(Unpooled.wrappedBuffer(corrupt));
      channel.finishAndReleaseAll();
      for (Throwable e : recorder.exceptions) {
        assertInstanceOf(RtmpProtocolException.class, e, "round " + round);
      }
    }
  }

  @Test
  void interFrameIsNotAKeyframe() {
    VideoMessage video = new VideoMessage(1, 0, Unpooled.wrappedBuffer(hex("27 01 000000")));
    assertFalse(video.isKeyframe());
    assertFalse(video.isAvcSequenceHeader());
    assertEquals(7, video.codecId());
    video.release();
  }
}
