package org.nimbusmedia.rtmp.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmp.testing.TrackedAllocator;

/**
 * Fuzz test of the chunk reassembler (RTMP 1.0 section 5.3) in an {@link EmbeddedChannel}. The
 * first input byte picks the size of the pieces the rest arrives in, as TCP would split it. For any
 * input the decoder emits messages no longer than {@link RtmpLimits#maxMessageSize()} or throws
 * {@link RtmpProtocolException}; the buffers it holds never exceed {@link
 * RtmpLimits#maxPendingBytes()} beyond the unread input; once the channel is closed every buffer is
 * released (FUZZING.md).
 */
class RtmpChunkDecoderFuzzTest {

  /** Chunks up to 64 KiB, 4 KiB messages, 8 chunk streams, 8 KiB of partial messages. */
  static final RtmpLimits LIMITS = new RtmpLimits(64 * 1024, 4096, 8, 8192);

  @FuzzTest
  @Timeout(10)
  void chunks(byte[] input) {
    if (input.length == 0) {
      return;
    }
    TrackedAllocator allocator = new TrackedAllocator();
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder(LIMITS));
    channel.config().setAllocator(allocator.allocator());
    int piece = 1 + (input[0] & 0xFF);
    try {
      for (int at = 1; at < input.length; at += piece) {
        int length = Math.min(piece, input.length - at);
        try {
          channel.writeInbound(allocator.copy(input, at, length));
        } catch (RtmpProtocolException expected) {
          // Bad input: in the server the connection closes here.
          break;
        }
        drain(channel);
        // What remains is partial messages and the unread part of the input.
        assertTrue(
            allocator.liveBytes() <= LIMITS.maxPendingBytes() + 2L * (at + length),
            "decoder holds " + allocator.liveBytes() + " bytes");
      }
    } finally {
      channel.finishAndReleaseAll();
    }
    assertEquals(0, allocator.liveBytes(), "bytes never released");
  }

  private static void drain(EmbeddedChannel channel) {
    for (Object in; (in = channel.readInbound()) != null; ) {
      RawMessage message = (RawMessage) in;
      int length = message.content().readableBytes();
      message.release();
      assertTrue(length <= LIMITS.maxMessageSize(), "message of " + length + " bytes");
    }
    // Acknowledgements (section 5.4.3) once the peer set a window.
    for (Object out; (out = channel.readOutbound()) != null; ) {
      ReferenceCountUtil.release(out);
    }
  }
}
