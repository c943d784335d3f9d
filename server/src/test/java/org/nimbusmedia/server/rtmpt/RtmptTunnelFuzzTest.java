package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmp.handshake.RtmpServerHandshakeHandler;
import org.nimbusmedia.rtmp.testing.TrackedAllocator;
import org.slf4j.LoggerFactory;

/**
 * Fuzz test of the RTMPT front end's HTTP side ({@code reference/fms4.md} section 3): arbitrary
 * bytes from an HTTP client go through the tunnel's real HTTP pipeline ({@link
 * RtmptTunnel#httpInitializer()}) in an {@link EmbeddedChannel}. The first input byte picks the
 * size of the pieces the rest arrives in. Invariants: no exception but a client's hang-up reaches
 * the pipeline's last handler, every answer is a well-formed HTTP response with a status the tunnel
 * documents (200, 400, 404, 413, 503), there is at most one answer per request, the buffers held
 * stay within the request body limit, and everything is released once the connection closes
 * (FUZZING.md).
 *
 * <p>Sessions cannot be opened here: their pipe is a Netty local channel, which needs a real event
 * loop rather than the embedded one, so {@code open} is answered 503 and the other commands 404.
 * This target covers HTTP parsing, routing, limits and answer order; RtmptSessionTest and
 * RtmptFrontEndTest cover sessions.
 */
class RtmptTunnelFuzzTest {

  /** FMS's values, with a 64 KiB body limit that the fuzzer can reach. */
  private static final RtmptSettings SETTINGS =
      new RtmptSettings(
          Duration.ofSeconds(60),
          Duration.ofMillis(512),
          Duration.ofSeconds(5),
          64 * 1024,
          256 * 1024,
          64 * 1024,
          4 * 1024 * 1024,
          16,
          1024,
          16,
          RtmptSettings.DEFAULTS.pollingIntervals(),
          RtmptSettings.DEFAULTS.emptyRepliesPerStep(),
          RtmptSettings.DEFAULTS.ident2());

  private static final Set<Integer> DOCUMENTED_STATUSES = Set.of(200, 400, 404, 413, 503);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);
  private static RtmptTunnel tunnel;

  /** One tunnel for all inputs: each input is a new HTTP connection to it. */
  private static synchronized RtmptTunnel tunnel() throws InterruptedException {
    if (tunnel == null) {
      // Every refused open logs a warning, which would flood the fuzzer's output.
      ((Logger) LoggerFactory.getLogger(RtmptHttpHandler.class)).setLevel(Level.ERROR);
      tunnel =
          new RtmptTunnel(
              new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                  channel
                      .pipeline()
                      .addLast(new RtmpServerHandshakeHandler(Duration.ofSeconds(10)));
                }
              },
              SETTINGS);
      tunnel.start(new DefaultEventLoopGroup(1));
    }
    return tunnel;
  }

  /** Records exceptions that reach the end of the HTTP pipeline. */
  private static final class Failures extends ChannelInboundHandlerAdapter {
    final List<Throwable> caught = new ArrayList<>();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      caught.add(cause);
      ctx.fireExceptionCaught(cause);
    }
  }

  /** Counts the requests the HTTP codec decoded, well-formed or not: each gets one answer. */
  private static final class Requests extends ChannelInboundHandlerAdapter {
    int heads;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        heads++;
      }
      ctx.fireChannelRead(msg);
    }
  }

  @FuzzTest
  @Timeout(10)
  void requests(byte[] input) throws InterruptedException {
    if (input.length == 0) {
      return;
    }
    TrackedAllocator allocator = new TrackedAllocator();
    EmbeddedChannel channel =
        new EmbeddedChannel() {
          @Override
          public SocketAddress remoteAddress() {
            return CLIENT;
          }
        };
    channel.config().setAllocator(allocator.allocator());
    channel.pipeline().addLast(tunnel().httpInitializer(List.of()));
    Failures failures = new Failures();
    channel.pipeline().addBefore("rtmpt-exceptions", "failures", failures);
    Requests requests = new Requests();
    channel.pipeline().addAfter("http-codec", "requests", requests);

    int piece = 1 + (input[0] & 0xFF) * 4;
    for (int at = 1; at < input.length && channel.isOpen(); at += piece) {
      channel.writeInbound(allocator.copy(input, at, Math.min(piece, input.length - at)));
      assertTrue(
          allocator.liveBytes() <= SETTINGS.maxRequestBody() + 2L * input.length + 16 * 1024,
          "connection holds " + allocator.liveBytes() + " bytes");
    }
    List<FullHttpResponse> answers = answers(channel);
    channel.finishAndReleaseAll();

    for (Throwable caught : failures.caught) {
      // A connection closed in the middle of a request: the pipeline's end logs it quietly.
      assertTrue(RtmptTunnel.HttpExceptionHandler.isPeerGone(caught), caught.toString());
    }
    assertTrue(
        answers.size() <= requests.heads,
        answers.size() + " answers to " + requests.heads + " requests");
    for (FullHttpResponse answer : answers) {
      try {
        assertTrue(answer.decoderResult().isSuccess(), "well-formed answer");
        assertTrue(DOCUMENTED_STATUSES.contains(answer.status().code()), answer.status() + "");
      } finally {
        answer.release();
      }
    }
    assertEquals(0, allocator.liveBytes(), "bytes never released");
  }

  /** Parses what the tunnel wrote back as HTTP responses. */
  private static List<FullHttpResponse> answers(EmbeddedChannel channel) {
    EmbeddedChannel client =
        new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
    for (Object out; (out = channel.readOutbound()) != null; ) {
      if (out instanceof ByteBuf bytes) {
        client.writeInbound(bytes);
      } else {
        ReferenceCountUtil.release(out);
      }
    }
    client.finish();
    List<FullHttpResponse> answers = new ArrayList<>();
    for (Object in; (in = client.readInbound()) != null; ) {
      answers.add((FullHttpResponse) in);
    }
    return answers;
  }
}
