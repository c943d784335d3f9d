package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtmpLimitsTest {

  @Test
  void defaultsAcceptEverySpecValidChunkSize() {
    assertEquals(Integer.MAX_VALUE, RtmpLimits.DEFAULTS.maxChunkSize());
    assertEquals(16 * 1024 * 1024, RtmpLimits.DEFAULTS.maxMessageSize());
    assertEquals(64, RtmpLimits.DEFAULTS.maxChunkStreams());
    assertEquals(32 * 1024 * 1024, RtmpLimits.DEFAULTS.maxPendingBytes());
  }

  @Test
  void badValuesNameTheComponentAndTheRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RtmpLimits.DEFAULTS.withMaxChunkSize(0));
    assertTrue(e.getMessage().contains("maxChunkSize"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RtmpLimits.DEFAULTS.withMaxMessageSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> RtmpLimits.DEFAULTS.withMaxChunkStreams(65600));
    assertThrows(
        IllegalArgumentException.class,
        () -> RtmpLimits.DEFAULTS.withMaxPendingBytes(RtmpLimits.DEFAULT_MAX_MESSAGE_SIZE - 1));
  }

  @Test
  void rawMessageRejectsReservedChunkStreamIds() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RawMessage(1, 8, 0, 0, io.netty.buffer.Unpooled.EMPTY_BUFFER));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RawMessage(3, 8, 0, 1L << 32, io.netty.buffer.Unpooled.EMPTY_BUFFER));
  }
}
