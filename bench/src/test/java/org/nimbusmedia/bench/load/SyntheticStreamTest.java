package org.nimbusmedia.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticStreamTest {

  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

  @Test
  void startsWithSequenceHeadersThenKeyframesEveryInterval() {
    SyntheticStream s = new SyntheticStream(2_000_000, 30, 10, true);
    Frame avc = s.next();
    ByteBuf config = avc.render(ALLOC, null);
    assertEquals(0x17, config.getUnsignedByte(0));
    assertEquals(0x00, config.getUnsignedByte(1)); // AVCPacketType 0: sequence header
    config.release();
    Frame aac = s.next();
    ByteBuf aacConfig = aac.render(ALLOC, null);
    assertEquals(0xAF, aacConfig.getUnsignedByte(0));
    assertEquals(0x00, aacConfig.getUnsignedByte(1));
    aacConfig.release();
    int videoFrames = 0;
    long lastTimestamp = 0;
    while (videoFrames < 25) {
      Frame f = s.next();
      assertTrue(f.timestamp() >= lastTimestamp, "timestamps never go back");
      lastTimestamp = f.timestamp();
      ByteBuf body = f.render(ALLOC, new Probe(videoFrames, 42));
      if (f.kind() == Frame.Kind.VIDEO) {
        int expected = videoFrames % 10 == 0 ? 0x17 : 0x27;
        assertEquals(expected, body.getUnsignedByte(0), "frame " + videoFrames);
        assertEquals(0x01, body.getUnsignedByte(1));
        assertEquals(new Probe(videoFrames, 42), Probe.readFrom(body, 5));
        videoFrames++;
      } else {
        assertEquals(0xAF, body.getUnsignedByte(0));
        assertEquals(0x01, body.getUnsignedByte(1));
      }
      body.release();
    }
  }

  @Test
  void averagesTheRequestedBitrate() {
    SyntheticStream s = new SyntheticStream(2_000_000, 30, 60, true);
    long bytes = 0;
    long audio = 0;
    Frame f = s.next();
    while (f.timestamp() < 10_000) {
      ByteBuf body = f.render(ALLOC, new Probe(0, 0));
      bytes += body.readableBytes();
      audio += f.kind() == Frame.Kind.AUDIO ? 1 : 0;
      body.release();
      f = s.next();
    }
    assertEquals(2_000_000, bytes * 8 / 10.0, 2_000_000 * 0.03);
    assertEquals(431, audio, 2);
  }

  @Test
  void videoProbeIsAFillerNalUnitAfterTheFrame() {
    SyntheticStream s = new SyntheticStream(100_000, 10, 1, false);
    s.next();
    ByteBuf body = s.next().render(ALLOC, new Probe(7, 99));
    int firstNal = body.getInt(5);
    int probeNalAt = 9 + firstNal;
    assertEquals(1 + Probe.SIZE, body.getInt(probeNalAt));
    assertEquals(0x0C, body.getUnsignedByte(probeNalAt + 4));
    assertEquals(body.writerIndex(), probeNalAt + 5 + Probe.SIZE);
    body.release();
  }

  @Test
  void probeIsNotFoundInShortOrUnmarkedBodies() {
    assertNull(Probe.readFrom(Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0x00, 0x12}), 2));
    assertNull(Probe.readFrom(Unpooled.wrappedBuffer(new byte[40]), 2));
  }

  @Test
  void flvSourceLoopsWithRisingTimestampsAndProbesOnlyAvcNalus() {
    byte[] avcConfig = {0x17, 0x00, 0, 0, 0, 1};
    byte[] avcNalu = {0x27, 0x01, 0, 0, 0, 0, 0, 0, 1, 0x41};
    byte[] aac = {(byte) 0xAF, 0x01, 1, 2};
    FlvSource source =
        new FlvSource(
            List.of(
                new FlvTag(FlvTag.SCRIPT, 0, new byte[] {2}),
                new FlvTag(FlvTag.VIDEO, 100, avcConfig),
                new FlvTag(FlvTag.AUDIO, 100, aac),
                new FlvTag(FlvTag.VIDEO, 133, avcNalu)));
    Frame config = source.next();
    assertEquals(0, config.timestamp());
    assertFalse(config.probed());
    assertFalse(source.next().probed());
    Frame nalu = source.next();
    assertTrue(nalu.probed());
    assertEquals(33, nalu.timestamp());
    ByteBuf body = nalu.render(ALLOC, new Probe(3, 4));
    assertEquals(avcNalu.length + 5 + Probe.SIZE, body.readableBytes());
    assertEquals(new Probe(3, 4), Probe.readFrom(body, 5));
    body.release();
    assertEquals(66, source.next().timestamp(), "second loop starts one frame after the last");
  }
}
