package org.nimbusmedia.rtmp.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmp.testing.TrackedAllocator;

/**
 * Fuzz test of the server handshake (RTMP 1.0 section 5.2, digest variant of fms4.md section 4) in
 * an {@link EmbeddedChannel}. The first input byte picks the size of the pieces the rest arrives
 * in. For any input the handler throws nothing; it either waits, fails by closing the channel
 * without a reply, or answers with exactly S0+S1+S2 and, once C2 is in, passes on every byte after
 * C2 and removes itself; all its buffers are released (FUZZING.md).
 */
class RtmpServerHandshakeFuzzTest {

  private static final int C0_C1_C2 = 1 + 2 * HandshakeDigest.PACKET_LENGTH;

  /** Counts what follows the handshake and whether it completed. */
  private static final class After extends ChannelInboundHandlerAdapter {
    long bytes;
    HandshakeCompleted completed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      bytes += buf.readableBytes();
      buf.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      completed = (HandshakeCompleted) evt;
    }
  }

  @FuzzTest
  @Timeout(10)
  void handshake(byte[] input) {
    if (input.length == 0) {
      return;
    }
    TrackedAllocator allocator = new TrackedAllocator();
    After after = new After();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(allocator.allocator());
    channel
        .pipeline()
        .addLast(new RtmpServerHandshakeHandler(Duration.ofMinutes(1), new Random(0)), after);
    int piece = 1 + (input[0] & 0xFF) * 16;
    for (int at = 1; at < input.length && channel.isOpen(); at += piece) {
      channel.writeInbound(allocator.copy(input, at, Math.min(piece, input.length - at)));
    }

    long replied = 0;
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      replied += out.readableBytes();
      out.release();
    }
    int sent = input.length - 1;
    boolean rtmp = sent > 0 && input[1] == 3;
    if (!rtmp || sent < C0_C1_C2 - HandshakeDigest.PACKET_LENGTH) {
      assertEquals(0, replied, "no reply before a whole C0+C1 of version 3");
      assertEquals(sent > 0 && !rtmp, !channel.isOpen(), "closed exactly when C0 is not 3");
    } else {
      assertEquals(C0_C1_C2, replied, "S0+S1+S2");
      assertTrue(channel.isOpen());
    }
    if (rtmp && sent >= C0_C1_C2) {
      assertTrue(after.completed != null, "completed once C2 is in");
      assertNull(channel.pipeline().get(RtmpServerHandshakeHandler.class), "removed itself");
      assertEquals(sent - C0_C1_C2, after.bytes, "every byte after C2 passed on");
    } else {
      assertNull(after.completed);
      assertEquals(0, after.bytes);
    }
    assertFalse(channel.finishAndReleaseAll());
    assertEquals(0, allocator.liveBytes(), "bytes never released");
  }
}
