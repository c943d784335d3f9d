package org.nimbusmedia.rtmp.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of an RTMPT tunnel ({@code reference/fms4.md} section 3), between Netty's HTTP
 * client codec (below) and the RTMP handshake and chunk codec (above), which see a plain byte
 * stream. On connect it posts {@code /open/1} and tells the handlers above that the channel is
 * active only once the session id has come back; bytes they write go out as {@code
 * /send/<id>/<seq>} bodies; when nothing is in flight it polls with {@code /idle/<id>/<seq>}, after
 * the delay the server's polling-interval byte asks for; {@code close} posts {@code
 * /close/<id>/<seq>} and closes the connection on its answer.
 *
 * <p>Requests are numbered from 0 after {@code /open/1}, as librtmp and ffmpeg do. A {@code send}
 * may be pipelined behind an {@code idle} the server holds (HTTP/1.1 pipelining on the one
 * connection): the server answers the held poll as soon as the next request arrives, so writes are
 * not delayed by a poll. At most {@link #MAX_IN_FLIGHT} requests are outstanding. Not sharable: one
 * per connection, used on its event loop only.
 */
public final class RtmptClientHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RtmptClientHandler.class);

  /** The tunnel's content type, requests and replies (section 3). */
  public static final String CONTENT_TYPE = "application/x-fcs";

  /**
   * Largest reply body accepted, for the HTTP aggregator below this handler: FMS 4's write buffer
   * is 16 KB and our server closes a session holding more than 4 MiB for its client, so 8 MiB is
   * room to spare, not a limit a working server reaches.
   */
  public static final int MAX_REPLY_BYTES = 8 * 1024 * 1024;

  /** Requests outstanding at once; FMS accepts 5 ({@code MaxPipelinedRequests}, section 3). */
  static final int MAX_IN_FLIGHT = 4;

  /** Largest {@code send} body; more waiting bytes go in the following requests. */
  static final int MAX_SEND_BYTES = 256 * 1024;

  /**
   * Bytes written but not yet posted at which the connection is closed: the tunnel cannot carry
   * what the application writes, and holding more would only grow the delay.
   */
  static final int MAX_QUEUED_BYTES = 16 * 1024 * 1024;

  /** Longest session id accepted from {@code /open}: FMS's are a NodeID (at most 9) and digits. */
  static final int MAX_SESSION_ID_LENGTH = 64;

  /**
   * What one unit of the polling-interval byte is worth. Section 3 infers about 16 ms (FMS's
   * largest {@code IdlePostInterval}, 4064 ms, is 254 x 16); our server documents its bytes so.
   */
  static final long POLL_UNIT_MILLIS = 16;

  /** How long {@code close} waits for the answer to {@code /close} before closing anyway. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  /** The tunnel's life; {@link #CLOSED} is terminal. */
  enum State {
    OPENING,
    OPEN,
    /** {@code /close} is posted; its answer (or {@link #CLOSE_WAIT}) closes the connection. */
    CLOSING,
    CLOSED;

    boolean canMoveTo(State next) {
      return switch (this) {
        case OPENING -> next == OPEN || next == CLOSED;
        case OPEN -> next == CLOSING || next == CLOSED;
        case CLOSING -> next == CLOSED;
        case CLOSED -> false;
      };
    }
  }

  /** The kinds of request, kept in order to match answers (HTTP/1.1 answers in request order). */
  private enum Request {
    OPEN,
    SEND,
    IDLE,
    CLOSE
  }

  /** A write of the handlers above, done once the bytes up to {@code end} are posted. */
  private record PendingWrite(long end, ChannelPromise promise) {}

  private final String host;
  private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
  private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private CompositeByteBuf queued;
  private long queuedTotal;
  private long postedTotal;
  private State state = State.OPENING;
  private String sessionId;
  private int sequence;
  private int pollInterval = 1;
  private boolean pollAtOnce = true;
  private ScheduledFuture<?> pollTimer;
  private ScheduledFuture<?> closeTimer;
  private ChannelPromise closePromise;

  /**
   * @param host the {@code Host} header, {@code host:port} as in the URL
   */
  public RtmptClientHandler(String host) {
    this.host = host;
  }

  State state() {
    return state;
  }

  private boolean moveTo(State next) {
    if (!state.canMoveTo(next)) {
      return false;
    }
    state = next;
    return true;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
    this.queued = context.alloc().compositeBuffer();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    release(new ClosedChannelException());
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    // Section 3: the body of /open is the single byte 0x00. The RTMP handshake above starts when
    // the session exists, so channelActive is passed on from opened().
    post(Request.OPEN, "/open/1", zeroByte());
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof FullHttpResponse response)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      answered(response);
    } finally {
      response.release();
    }
  }

  private void answered(FullHttpResponse response) {
    Request request = inFlight.poll();
    if (request == null) {
      fail("an HTTP answer to no request");
      return;
    }
    if (!response.decoderResult().isSuccess()) {
      fail("malformed answer to " + describe(request) + ": " + response.decoderResult().cause());
      return;
    }
    if (!response.status().equals(HttpResponseStatus.OK)) {
      fail(describe(request) + " answered " + response.status());
      return;
    }
    ByteBuf body = response.content();
    switch (request) {
      case OPEN -> opened(body);
      case SEND, IDLE -> carried(body);
      case CLOSE -> finishClose();
    }
  }

  /** The answer to {@code /open/1}: the session id and a newline (section 3). */
  private void opened(ByteBuf body) {
    String id = body.toString(StandardCharsets.US_ASCII).trim();
    if (!isSessionId(id)) {
      fail("/open/1 answered no usable session id (" + body.readableBytes() + " bytes)");
      return;
    }
    if (!moveTo(State.OPEN)) {
      return;
    }
    sessionId = id;
    ctx.fireChannelActive();
    answeredPump();
  }

  private static boolean isSessionId(String id) {
    if (id.isEmpty() || id.length() > MAX_SESSION_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c > '~' || c == '/' || c == '?' || c == '#' || c == '%') {
        return false;
      }
    }
    return true;
  }

  /** A {@code send} or {@code idle} answer: the polling byte, then the server's RTMP bytes. */
  private void carried(ByteBuf body) {
    if (!body.isReadable()) {
      fail("an RTMPT answer without its polling byte");
      return;
    }
    int interval = body.readUnsignedByte();
    boolean data = body.isReadable();
    if (data && state != State.CLOSED) {
      ctx.fireChannelRead(body.readRetainedSlice(body.readableBytes()));
    }
    if (interval == 0 && !data) {
      // Section 3: 0x00 alone is the server's "this session is over".
      if (state == State.OPEN && moveTo(State.CLOSED)) {
        ctx.close();
      }
      return;
    }
    pollInterval = interval;
    pollAtOnce = data;
    answeredPump();
  }

  @Override
  public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf bytes)) {
      context.write(msg, promise);
      return;
    }
    if (state != State.OPEN && state != State.OPENING) {
      bytes.release();
      promise.tryFailure(new ClosedChannelException());
      return;
    }
    if (!bytes.isReadable()) {
      bytes.release();
      promise.trySuccess();
      return;
    }
    queuedTotal += bytes.readableBytes();
    queued.addComponent(true, bytes);
    writes.add(new PendingWrite(queuedTotal, promise));
    if (queued.readableBytes() > MAX_QUEUED_BYTES) {
      fail(queued.readableBytes() + " bytes written faster than the tunnel carries them");
    }
  }

  @Override
  public void flush(ChannelHandlerContext context) {
    pump();
  }

  /** Posts what is queued, within the in-flight bound. */
  private void pump() {
    if (state != State.OPEN) {
      return;
    }
    while (queued.isReadable() && inFlight.size() < MAX_IN_FLIGHT) {
      postQueued();
    }
  }

  /**
   * After an answer: posts what is queued, and when nothing is left in flight, times the next poll.
   * After data (or the open) the server likely has more: ask at once, it holds an idle poll until
   * it has something ({@code IdleAckInterval}). After an empty answer wait as long as its polling
   * byte says.
   */
  private void answeredPump() {
    pump();
    if (state != State.OPEN || !inFlight.isEmpty()) {
      return;
    }
    cancelPoll();
    long delay = pollAtOnce ? 0 : pollInterval * POLL_UNIT_MILLIS;
    pollTimer = ctx.executor().schedule(this::poll, delay, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    pollTimer = null;
    if (state != State.OPEN || !inFlight.isEmpty()) {
      return;
    }
    if (queued.isReadable()) {
      pump();
    } else {
      post(Request.IDLE, sessionPath("idle"), zeroByte());
    }
  }

  /** Posts up to {@link #MAX_SEND_BYTES} queued bytes; their writes complete with the request. */
  private void postQueued() {
    int length = Math.min(queued.readableBytes(), MAX_SEND_BYTES);
    ByteBuf body = ctx.alloc().buffer(length);
    queued.readBytes(body, length);
    queued.discardReadComponents();
    postedTotal += length;
    List<ChannelPromise> done = new ArrayList<>();
    while (!writes.isEmpty() && writes.peek().end() <= postedTotal) {
      done.add(writes.poll().promise());
    }
    post(Request.SEND, sessionPath("send"), body)
        .addListener(
            f -> {
              for (ChannelPromise promise : done) {
                if (f.isSuccess()) {
                  promise.trySuccess();
                } else {
                  promise.tryFailure(f.cause());
                }
              }
            });
  }

  @Override
  public void close(ChannelHandlerContext context, ChannelPromise promise) {
    if (state == State.OPEN && context.channel().isActive()) {
      moveTo(State.CLOSING);
      cancelPoll();
      // What the handlers above wrote before closing (e.g. deleteStream) goes first.
      while (queued.isReadable()) {
        postQueued();
      }
      closePromise = promise;
      post(Request.CLOSE, sessionPath("close"), zeroByte());
      closeTimer =
          context
              .executor()
              .schedule(this::finishClose, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    moveTo(State.CLOSED);
    context.close(promise);
  }

  private void finishClose() {
    moveTo(State.CLOSED);
    if (closeTimer != null) {
      closeTimer.cancel(false);
      closeTimer = null;
    }
    ChannelPromise promise = closePromise;
    closePromise = null;
    if (promise != null) {
      ctx.close(promise);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    moveTo(State.CLOSED);
    release(new ClosedChannelException());
    if (closePromise != null) {
      closePromise.trySuccess();
      closePromise = null;
    }
    context.fireChannelInactive();
  }

  /** Ends the tunnel with one log line; the handlers above see the error and close. */
  private void fail(String reason) {
    if (!moveTo(State.CLOSED)) {
      return;
    }
    LOG.info("RTMPT tunnel to {} failed: {}", ctx.channel().remoteAddress(), reason);
    IOException error = new IOException("RTMPT: " + reason);
    release(error);
    ctx.fireExceptionCaught(error);
    ctx.close();
  }

  private void release(Throwable cause) {
    cancelPoll();
    if (closeTimer != null) {
      closeTimer.cancel(false);
      closeTimer = null;
    }
    PendingWrite write;
    while ((write = writes.poll()) != null) {
      write.promise().tryFailure(cause);
    }
    if (queued != null && queued.refCnt() > 0) {
      queued.release();
    }
  }

  private void cancelPoll() {
    if (pollTimer != null) {
      pollTimer.cancel(false);
      pollTimer = null;
    }
  }

  private String sessionPath(String command) {
    return "/" + command + "/" + sessionId + "/" + sequence++;
  }

  private ByteBuf zeroByte() {
    return ctx.alloc().buffer(1).writeByte(0);
  }

  /**
   * Posts one request. Headers as librtmp and Flash Player send them (section 3): keep-alive, no
   * caching, the tunnel's content type.
   */
  private ChannelFuture post(Request request, String path, ByteBuf body) {
    FullHttpRequest http =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, body);
    http.headers()
        .set("Host", host)
        .set("Content-Type", CONTENT_TYPE)
        .set("Content-Length", body.readableBytes())
        .set("Connection", "Keep-Alive")
        .set("Cache-Control", "no-cache");
    inFlight.add(request);
    return ctx.writeAndFlush(http);
  }

  private String describe(Request request) {
    return request == Request.OPEN ? "/open/1" : "/" + request.name().toLowerCase();
  }
}
