package org.nimbusmedia.rtmp.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RTMPT client tunnel against scripted server answers ({@code reference/fms4.md} section 3):
 * what it posts, in which order and with which numbers, what it passes up, when it polls, and how
 * it ends.
 */
class RtmptClientHandlerTest {
  /** What the RTMP side above the tunnel sees. */
  private static final class RtmpSide extends ChannelInboundHandlerAdapter {
    boolean active;
    final List<byte[]> received = new ArrayList<>();
    Throwable error;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      active = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf bytes = (ByteBuf) msg;
      received.add(ByteBufUtil.getBytes(bytes));
      bytes.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      error = cause;
    }
  }

  private final RtmpSide rtmp = new RtmpSide();
  private final EmbeddedChannel channel = new EmbeddedChannel();

  RtmptClientHandlerTest() {
    channel.freezeTime();
    channel.pipeline().addLast(new RtmptClientHandler("media.example.test:80"), rtmp);
    channel.pipeline().fireChannelActive();
  }

  @AfterEach
  void release() {
    // An open tunnel closes on the answer to /close: answer everything still in flight.
    channel.close();
    for (int i = 0; i <= RtmptClientHandler.MAX_IN_FLIGHT && channel.isOpen(); i++) {
      answer((byte) 0x00);
    }
    assertFalse(channel.isOpen());
    channel.finishAndReleaseAll();
  }

  /** The next request posted: its path and body. */
  private String nextPost(List<byte[]> body) {
    FullHttpRequest request = channel.readOutbound();
    try {
      assertEquals("POST", request.method().name());
      assertEquals("application/x-fcs", request.headers().get("Content-Type"));
      assertEquals("media.example.test:80", request.headers().get("Host"));
      body.add(ByteBufUtil.getBytes(request.content()));
      return request.uri();
    } finally {
      request.release();
    }
  }

  private String nextPost() {
    return nextPost(new ArrayList<>());
  }

  private void answer(byte... body) {
    channel.writeInbound(
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body)));
  }

  /** Opens the session; the tunnel polls at once, so {@code /idle/<id>/0} is in flight. */
  private void open() {
    assertEquals("/open/1", nextPost());
    answer("s3ss10n\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals("/idle/s3ss10n/0", nextPost(), "numbered from 0 after open, as librtmp does");
  }

  @Test
  void opensASessionBeforeTheRtmpSideStarts() {
    List<byte[]> body = new ArrayList<>();
    assertEquals("/open/1", nextPost(body));
    assertArrayEquals(new byte[] {0}, body.get(0), "the body of open is one 0x00 byte");
    assertFalse(rtmp.active, "no handshake before the session exists");

    answer("s3ss10n\n".getBytes(StandardCharsets.US_ASCII));

    assertTrue(rtmp.active);
  }

  @Test
  void writesGoOutAsSendsAndAnswersComeUpWithoutThePollingByte() {
    open();
    ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {3, 1, 2}));

    List<byte[]> body = new ArrayList<>();
    assertEquals("/send/s3ss10n/1", nextPost(body), "sent while the idle is unanswered");
    assertArrayEquals(new byte[] {3, 1, 2}, body.get(0));
    assertTrue(written.isSuccess());

    answer((byte) 0x01, (byte) 9, (byte) 8);
    assertArrayEquals(new byte[] {9, 8}, rtmp.received.get(0));
    answer((byte) 0x01);
    assertEquals(1, rtmp.received.size(), "an answer with only its polling byte carries nothing");
  }

  @Test
  void pollsAtOnceAfterDataAndAfterThePollingByteTimesSixteenMillisecondsOtherwise() {
    open();
    answer((byte) 0x05, (byte) 7);

    channel.runPendingTasks();
    assertEquals("/idle/s3ss10n/1", nextPost(), "data came: poll at once");
    answer((byte) 0x05);

    channel.advanceTimeBy(5 * 16 - 1, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertNull(channel.readOutbound(), "an empty answer with 0x05: wait 80 ms");
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertEquals("/idle/s3ss10n/2", nextPost());
  }

  @Test
  void theCloseByteFromTheServerClosesTheConnection() {
    open();

    answer((byte) 0x00);

    assertFalse(channel.isOpen());
  }

  @Test
  void closePostsCloseAndClosesOnItsAnswer() {
    open();
    channel.write(Unpooled.wrappedBuffer(new byte[] {5}));

    ChannelFuture closed = channel.close();

    assertEquals("/send/s3ss10n/1", nextPost(), "bytes written before close go first");
    assertEquals("/close/s3ss10n/2", nextPost());
    assertFalse(closed.isDone());
    answer((byte) 0x01);
    answer((byte) 0x01);
    answer((byte) 0x00);
    assertTrue(closed.isSuccess());
    assertFalse(channel.isOpen());
  }

  @Test
  void aRefusedOpenFailsTheConnectionNamingTheAnswer() {
    nextPost();

    channel.writeInbound(
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));

    assertInstanceOf(IOException.class, rtmp.error);
    assertTrue(rtmp.error.getMessage().contains("/open/1 answered 404"), rtmp.error.getMessage());
    assertFalse(rtmp.active);
    assertFalse(channel.isOpen());
  }

  @Test
  void anUnusableSessionIdFailsTheConnection() {
    nextPost();

    answer("a/b\n".getBytes(StandardCharsets.US_ASCII));

    assertTrue(rtmp.error.getMessage().contains("no usable session id"), rtmp.error.getMessage());
    assertFalse(channel.isOpen());
  }

  @Test
  void anAnswerWithoutItsPollingByteFailsTheConnection() {
    open();

    answer();

    assertTrue(rtmp.error.getMessage().contains("polling byte"), rtmp.error.getMessage());
    assertFalse(channel.isOpen());
  }
}
