package org.nimbusmedia.server.rtmpt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel's HTTP side, one per HTTP connection: turns each POST into a {@link TunnelRequest} for
 * its session and writes the answers back in request order, as HTTP/1.1 pipelining requires (a held
 * {@code idle} keeps later answers on the same connection waiting). Anything that is not a tunnel
 * request gets a plain 404.
 */
final class RtmptHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RtmptHttpHandler.class);

  /** The tunnel's content type, requests and replies ({@code reference/fms4.md} section 3). */
  static final String CONTENT_TYPE = "application/x-fcs";

  private final TunnelSessions sessions;
  private final LocalAddress server;
  private final int maxInFlight;
  private final byte[] ident2;
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private ChannelHandlerContext ctx;

  RtmptHttpHandler(TunnelSessions sessions, LocalAddress server, int maxInFlight, String ident2) {
    this.sessions = sessions;
    this.server = server;
    this.maxInFlight = maxInFlight;
    this.ident2 = ident2.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
    Slot slot = new Slot(HttpUtil.isKeepAlive(request));
    slots.add(slot);
    if (slots.size() > maxInFlight) {
      log.warn(
          "Closing HTTP connection from {}: more than {} RTMPT requests in flight",
          context.channel().remoteAddress(),
          maxInFlight);
      context.close();
      return;
    }
    if (!request.decoderResult().isSuccess()) {
      slot.keepAlive = false;
      slot.fail(HttpResponseStatus.BAD_REQUEST);
      return;
    }
    Optional<TunnelRequest> parsed =
        request.method().equals(HttpMethod.POST)
            ? TunnelRequest.parse(request.uri())
            : Optional.empty();
    if (parsed.isEmpty()) {
      slot.fail(HttpResponseStatus.NOT_FOUND);
      return;
    }
    TunnelRequest tunnel = parsed.get();
    switch (tunnel.command()) {
      case IDENT2 ->
          // Section 3: FMS with HTTPIdent2 disabled answers an empty string, and the player keeps
          // using the host name it has; enabled, it answers the address to use from then on.
          slot.ok(Unpooled.wrappedBuffer(ident2));
      case OPEN -> open(slot);
      case SEND, IDLE, CLOSE -> {
        TunnelSession session = sessions.find(tunnel.sessionId());
        if (session == null) {
          slot.fail(HttpResponseStatus.NOT_FOUND);
        } else {
          session.submit(tunnel, request.content().retain(), slot);
        }
      }
    }
  }

  private void open(Slot slot) {
    InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
    sessions
        .open(client, ctx.channel().eventLoop(), server)
        .addListener(
            done -> {
              if (done.isSuccess()) {
                // Section 3: the reply to open is the session id and a newline.
                String id = ((TunnelSession) done.getNow()).id();
                slot.ok(Unpooled.copiedBuffer(id + "\n", StandardCharsets.US_ASCII));
              } else {
                log.warn("RTMPT open from {} failed: {}", client, done.cause().toString());
                slot.fail(HttpResponseStatus.SERVICE_UNAVAILABLE);
              }
            });
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    for (Slot slot : slots) {
      ReferenceCountUtil.release(slot.response);
    }
    slots.clear();
    context.fireChannelInactive();
  }

  /** Writes every answer at the head of the queue that is ready; on the connection's loop. */
  private void drain() {
    boolean wrote = false;
    while (!slots.isEmpty() && slots.peek().response != null) {
      Slot slot = slots.poll();
      wrote = true;
      if (slot.keepAlive) {
        ctx.write(slot.response);
      } else {
        ctx.writeAndFlush(slot.response).addListener(ChannelFutureListener.CLOSE);
        return;
      }
    }
    if (wrote) {
      ctx.flush();
    }
  }

  static FullHttpResponse fcsResponse(ByteBuf body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
    // Header names spelled as FMS does: librtmp looks for "Content-" case-sensitively.
    response.headers().set("Content-Type", CONTENT_TYPE);
    response.headers().set("Content-Length", body.readableBytes());
    response.headers().set("Connection", "Keep-Alive");
    response.headers().set("Cache-Control", "no-cache");
    return response;
  }

  static FullHttpResponse plainResponse(HttpResponseStatus status) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    response.headers().set("Content-Length", 0);
    return response;
  }

  /** One request's place in the answer order. */
  private final class Slot implements TunnelReply {
    private boolean keepAlive;
    private FullHttpResponse response;

    Slot(boolean keepAlive) {
      this.keepAlive = keepAlive;
    }

    @Override
    public void ok(ByteBuf body) {
      complete(fcsResponse(body));
    }

    @Override
    public void fail(HttpResponseStatus status) {
      complete(plainResponse(status));
    }

    @Override
    public boolean canAnswer() {
      return ctx.channel().isActive();
    }

    private void complete(FullHttpResponse answer) {
      if (ctx.executor().inEventLoop()) {
        completeOnLoop(answer);
      } else {
        ctx.executor().execute(() -> completeOnLoop(answer));
      }
    }

    private void completeOnLoop(FullHttpResponse answer) {
      if (!ctx.channel().isActive() || !slots.contains(this)) {
        answer.release();
        return;
      }
      if (!keepAlive) {
        answer.headers().set("Connection", "close");
      }
      response = answer;
      drain();
    }
  }
}
