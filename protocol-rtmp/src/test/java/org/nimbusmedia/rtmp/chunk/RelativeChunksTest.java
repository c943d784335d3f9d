package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run split into chunks once is decoded by a peer exactly as the messages it holds, on every
 * connection whose chunk streams stand where the run begins, whatever the connection's timestamp
 * shift; any other connection is refused and must send the messages one by one.
 */
class RelativeChunksTest {
  private static final int AUDIO = 4;
  private static final int VIDEO = 6;
  private static final int STREAM = 1;

  private final List<RelativeChunks> runs = new ArrayList<>();

  @AfterEach
  void releaseRuns() {
    runs.forEach(RelativeChunks::release);
  }

  private static RelativeChunks.Message message(int csid, long timestamp, int length) {
    return new RelativeChunks.Message(
        csid, csid == AUDIO ? 8 : 9, timestamp, Unpooled.wrappedBuffer(Bytes.sequence(length)));
  }

  /** Audio at 1023 and 1046 around video at 1033 (5000 bytes: several 128-byte chunks). */
  private RelativeChunks run(int chunkSize) {
    RelativeChunks run =
        RelativeChunks.of(
                UnpooledByteBufAllocator.DEFAULT,
                chunkSize,
                List.of(
                    message(AUDIO, 1023, 300),
                    message(VIDEO, 1033, 5000),
                    message(AUDIO, 1046, 301)),
                Map.of(AUDIO, 1000L, VIDEO, 1000L)::get)
            .orElseThrow();
    runs.add(run);
    return run;
  }

  /** A connection whose last audio and video messages were stamped 1000 + shift. */
  private static EmbeddedChannel connectionAt(long shift) {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.writeOutbound(new RawMessage(AUDIO, 8, STREAM, 1000 + shift, Unpooled.buffer(0)));
    channel.writeOutbound(new RawMessage(VIDEO, 9, STREAM, 1000 + shift, Unpooled.buffer(0)));
    return channel;
  }

  /** Everything the connection wrote, decoded by a peer. */
  private static List<RawMessage> decoded(EmbeddedChannel connection) {
    EmbeddedChannel peer = new EmbeddedChannel(new RtmpChunkDecoder());
    ByteBuf out;
    while ((out = connection.readOutbound()) != null) {
      peer.writeInbound(out);
    }
    List<RawMessage> messages = new ArrayList<>();
    RawMessage message;
    while ((message = peer.readInbound()) != null) {
      messages.add(message);
    }
    assertFalse(peer.finish());
    return messages;
  }

  private static void assertMessage(RawMessage m, int csid, long timestamp, int length) {
    assertEquals(csid, m.chunkStreamId());
    assertEquals(STREAM, m.streamId());
    assertEquals(timestamp, m.timestamp());
    assertArrayEquals(Bytes.sequence(length), ByteBufUtil.getBytes(m.content()));
    m.release();
  }

  @Test
  void connectionsWithAnyShiftDecodeTheRunAsItsMessages() {
    RelativeChunks run = run(128);
    for (long shift : new long[] {0, 4000, -1000}) {
      EmbeddedChannel connection = connectionAt(shift);
      RtmpChunkEncoder encoder = connection.pipeline().get(RtmpChunkEncoder.class);
      assertTrue(encoder.accepts(run, shift, STREAM));
      connection.writeOutbound(new RelativeChunksMessage(run, shift, STREAM));
      // The encoder goes on from where the run ended.
      connection.writeOutbound(
          new RawMessage(
              VIDEO, 9, STREAM, 1066 + shift, Unpooled.wrappedBuffer(Bytes.sequence(7))));

      List<RawMessage> messages = decoded(connection);
      assertEquals(6, messages.size());
      messages.subList(0, 2).forEach(RawMessage::release);
      assertMessage(messages.get(2), AUDIO, 1023 + shift, 300);
      assertMessage(messages.get(3), VIDEO, 1033 + shift, 5000);
      assertMessage(messages.get(4), AUDIO, 1046 + shift, 301);
      assertMessage(messages.get(5), VIDEO, 1066 + shift, 7);
      assertFalse(connection.finish());
    }
  }

  @Test
  void everyConnectionGetsTheSameBytesOnce() {
    RelativeChunks run = run(128);
    List<ByteBuf> sent = new ArrayList<>();
    for (long shift : new long[] {0, 4000}) {
      EmbeddedChannel connection = connectionAt(shift);
      connection.readOutbound(); // the two messages before the run
      ((ByteBuf) connection.readOutbound()).release();
      connection.releaseOutbound();
      connection.writeOutbound(new RelativeChunksMessage(run, shift, STREAM));
      sent.add(connection.readOutbound());
      assertFalse(connection.finish());
    }
    assertEquals(run.length(), sent.get(0).readableBytes());
    assertEquals(sent.get(0), sent.get(1));
    sent.forEach(ByteBuf::release);
  }

  @Test
  void aConnectionElsewhereIsRefused() {
    RelativeChunks run = run(128);
    EmbeddedChannel connection = connectionAt(0);
    RtmpChunkEncoder encoder = connection.pipeline().get(RtmpChunkEncoder.class);

    assertFalse(encoder.accepts(run, 1, STREAM), "its audio and video stand at another time");
    assertFalse(encoder.accepts(run, 0, STREAM + 1), "another message stream");
    assertFalse(encoder.accepts(run(4096), 0, STREAM), "another chunk size");
    assertFalse(
        new EmbeddedChannel(new RtmpChunkEncoder())
            .pipeline()
            .get(RtmpChunkEncoder.class)
            .accepts(run, 0, STREAM),
        "nothing sent on its chunk streams yet");

    connection.releaseOutbound();
    assertThrows(
        EncoderException.class,
        () -> connection.writeOutbound(new RelativeChunksMessage(run, 1, STREAM)));
    assertTrue(connection.outboundMessages().isEmpty());
    connection.finishAndReleaseAll();
  }

  @Test
  void aRunThatCannotBeRelativeIsNotMade() {
    Map<Integer, Long> previous = Map.of(AUDIO, 1000L);
    assertTrue(
        RelativeChunks.of(
                UnpooledByteBufAllocator.DEFAULT,
                128,
                List.of(message(AUDIO, 990, 10)),
                previous::get)
            .isEmpty(),
        "a timestamp that goes back");
    assertTrue(
        RelativeChunks.of(
                UnpooledByteBufAllocator.DEFAULT,
                128,
                List.of(message(AUDIO, 1000L + 0xFFFFFF, 10)),
                previous::get)
            .isEmpty(),
        "a delta that needs an extended timestamp");
    assertTrue(
        RelativeChunks.of(
                UnpooledByteBufAllocator.DEFAULT,
                128,
                List.of(message(VIDEO, 1000, 10)),
                csid -> previous.getOrDefault(csid, -1L))
            .isEmpty(),
        "a chunk stream with nothing before the run");
  }
}
