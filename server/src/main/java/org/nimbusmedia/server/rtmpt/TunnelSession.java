package org.nimbusmedia.server.rtmpt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMPT session ({@code reference/fms4.md} section 3): the byte pipe between the HTTP requests
 * of one client and the in-VM channel that runs the RTMP pipeline for it. Client bytes from {@code
 * send} bodies go into the pipe in sequence order; what the RTMP side writes is buffered until the
 * next reply, which starts with the polling-interval byte. An {@code idle} request that finds
 * nothing to send is held for at most {@code IdleAckInterval} and answered as soon as data comes.
 *
 * <p>Everything but {@link #submit} and {@link #attachServerSide} runs on the session's event loop
 * (the pipe's).
 */
final class TunnelSession {
  private static final Logger log = LoggerFactory.getLogger(TunnelSession.class);

  /** The byte that tells the client the session is over ({@code reference/fms4.md} section 3). */
  static final int CLOSE_BYTE = 0x00;

  /** A session's life. {@link #CLOSED} is terminal. */
  enum State {
    /** The pipe is being connected. */
    OPENING,
    OPEN,
    /** The RTMP side has closed: what it wrote is still delivered, then the client is told. */
    DRAINING,
    CLOSED;

    boolean canMoveTo(State next) {
      return switch (this) {
        case OPENING -> next == OPEN || next == CLOSED;
        case OPEN -> next == DRAINING || next == CLOSED;
        case DRAINING -> next == CLOSED;
        case CLOSED -> false;
      };
    }
  }

  /** A request waiting for, or having, its turn. */
  private record Pending(TunnelRequest request, ByteBuf body, TunnelReply reply) {}

  private final String id;
  private final InetSocketAddress client;
  private final EventLoop loop;
  private final RtmptSettings settings;
  private final LongSupplier nanoTime;
  private final Consumer<TunnelSession> onClosed;
  private final SequenceWindow<Pending> window;
  private final PollingSchedule polling;
  private final Promise<TunnelSession> ready;
  private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
  private final CompositeByteBuf pending;
  private Channel pipe;
  private volatile Channel serverSide;
  private int readyParts;
  private State state = State.OPENING;
  private Pending held;
  private ScheduledFuture<?> heldTimer;
  private ScheduledFuture<?> gapTimer;
  private boolean flushScheduled;
  private boolean throttled;
  private long lastActivity;

  TunnelSession(
      String id,
      InetSocketAddress client,
      EventLoop loop,
      RtmptSettings settings,
      LongSupplier nanoTime,
      Consumer<TunnelSession> onClosed) {
    this.id = id;
    this.client = client;
    this.loop = loop;
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.onClosed = onClosed;
    this.window = new SequenceWindow<>(settings.maxPipelined());
    this.polling = new PollingSchedule(settings.pollingIntervals(), settings.emptyRepliesPerStep());
    this.ready = loop.newPromise();
    this.pending = alloc.compositeBuffer(Integer.MAX_VALUE);
    this.lastActivity = nanoTime.getAsLong();
  }

  String id() {
    return id;
  }

  InetSocketAddress client() {
    return client;
  }

  EventLoop loop() {
    return loop;
  }

  State state() {
    return state;
  }

  /** Completes when the pipe is connected and the RTMP pipeline is in place on its other end. */
  Promise<TunnelSession> ready() {
    return ready;
  }

  /** The handler to put on the pipe: it feeds what the RTMP side writes into this session. */
  ChannelInboundHandlerAdapter pipeHandler() {
    return new PipeHandler();
  }

  /** The client end of the pipe is connected. */
  void pipeConnected(Channel connected) {
    runOnLoop(
        () -> {
          this.pipe = connected;
          partReady();
        });
  }

  /** The RTMP end of the pipe has its pipeline. Called on that channel's loop. */
  void attachServerSide(Channel channel) {
    serverSide = channel;
    runOnLoop(this::partReady);
  }

  private void partReady() {
    if (++readyParts == 2 && state == State.OPENING) {
      moveTo(State.OPEN);
      ready.trySuccess(this);
    }
  }

  /** Hands a request over to the session's loop; takes ownership of {@code body}. */
  void submit(TunnelRequest request, ByteBuf body, TunnelReply reply) {
    try {
      loop.execute(() -> handle(request, body, reply));
    } catch (RejectedExecutionException e) {
      body.release();
      reply.fail(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
  }

  /** One request, on the session's loop. */
  void handle(TunnelRequest request, ByteBuf body, TunnelReply reply) {
    if (state == State.CLOSED || state == State.OPENING) {
      body.release();
      reply.fail(HttpResponseStatus.NOT_FOUND);
      return;
    }
    lastActivity = nanoTime.getAsLong();
    if (request.command() == TunnelRequest.Command.CLOSE) {
      // Section 3: the reply to close is the single byte 0x00. Whatever is held goes first.
      body.release();
      flushHeld();
      reply.ok(alloc.buffer(1).writeByte(CLOSE_BYTE));
      close("the client closed it");
      return;
    }
    Pending request0 = new Pending(request, body, reply);
    switch (window.offer(request.sequence(), request0, this::process)) {
      case READY -> {
        if (!window.hasGap() && gapTimer != null) {
          gapTimer.cancel(false);
          gapTimer = null;
        }
      }
      case PARKED -> {
        if (gapTimer == null) {
          gapTimer =
              loop.schedule(
                  this::gapExpired, settings.gapTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
      }
      case STALE -> {
        // A repeat of a request already carried out: its bytes must not enter the pipe twice.
        body.release();
        reply.ok(alloc.buffer(1).writeByte(polling.emptyReply()));
      }
      case TOO_FAR -> {
        body.release();
        reply.fail(HttpResponseStatus.BAD_REQUEST);
      }
    }
  }

  private void process(Pending request) {
    boolean carriesData =
        request.request().command() == TunnelRequest.Command.SEND && request.body().isReadable();
    if (carriesData && state == State.OPEN) {
      pipe.writeAndFlush(request.body());
    } else {
      request.body().release(); // an idle body is the single byte 0x00
    }
    // Answer once the RTMP side has read these bytes, so that what it writes back at once (the
    // handshake's S0 S1 S2, a ping answer) goes out in this reply rather than the next poll. Every
    // request takes the same path, so replies leave in sequence order.
    Channel other = serverSide;
    Runnable answer = () -> runOnLoop(() -> answerOrHold(request, carriesData));
    if (other == null) {
      loop.execute(answer);
    } else {
      try {
        other.eventLoop().execute(answer);
      } catch (RejectedExecutionException e) {
        loop.execute(answer);
      }
    }
  }

  private void answerOrHold(Pending request, boolean carriedData) {
    flushHeld();
    if (state == State.CLOSED) {
      request.reply().ok(alloc.buffer(1).writeByte(CLOSE_BYTE));
      return;
    }
    if (request.request().command() == TunnelRequest.Command.IDLE
        && !pending.isReadable()
        && state == State.OPEN) {
      held = request;
      heldTimer =
          loop.schedule(
              this::flushHeld, settings.idleAckInterval().toNanos(), TimeUnit.NANOSECONDS);
      return;
    }
    answer(request, carriedData);
  }

  private void flushHeld() {
    flushScheduled = false;
    Pending request = held;
    if (request == null) {
      return;
    }
    held = null;
    if (heldTimer != null) {
      heldTimer.cancel(false);
      heldTimer = null;
    }
    answer(request, false);
  }

  /** Sends the polling byte and every pending byte; after the RTMP side is gone, says close. */
  private void answer(Pending request, boolean carriedData) {
    TunnelReply reply = request.reply();
    if (!reply.canAnswer()) {
      return; // the bytes stay pending for the client's next request
    }
    if (state == State.DRAINING && !pending.isReadable()) {
      reply.ok(alloc.buffer(1).writeByte(CLOSE_BYTE));
      close("the RTMP connection ended");
      return;
    }
    int interval =
        carriedData || pending.isReadable() ? polling.dataFlowed() : polling.emptyReply();
    ByteBuf body = alloc.buffer(1 + pending.readableBytes());
    body.writeByte(interval).writeBytes(pending);
    pending.discardReadComponents();
    if (throttled && pending.readableBytes() < settings.pendingLowWater()) {
      throttle(false);
    }
    reply.ok(body);
  }

  /** Bytes the RTMP side wrote, on the session's loop. */
  private void received(ByteBuf bytes) {
    if (state == State.CLOSED) {
      bytes.release();
      return;
    }
    pending.addComponent(true, bytes);
    if (pending.readableBytes() > settings.maxPendingBytes()) {
      log.warn(
          "Closing RTMPT session {} from {}: {} bytes wait for a client that does not poll",
          id,
          client,
          pending.readableBytes());
      close("too many unread bytes");
      return;
    }
    if (!throttled && pending.readableBytes() > settings.pendingHighWater()) {
      throttle(true);
    }
    if (held != null && !flushScheduled) {
      // Once the current task is done, so that one burst of writes goes out in one reply.
      flushScheduled = true;
      loop.execute(this::flushHeld);
    }
  }

  /**
   * Makes the RTMP channel unwritable while the client is behind, as a full socket buffer would:
   * its subscribers then queue and drop by their policy instead of filling this session.
   */
  private void throttle(boolean on) {
    throttled = on;
    Channel other = serverSide;
    if (other != null) {
      other
          .eventLoop()
          .execute(
              () -> {
                ChannelOutboundBuffer buffer = other.unsafe().outboundBuffer();
                if (buffer != null) {
                  buffer.setUserDefinedWritability(1, !on);
                }
              });
    }
  }

  private void pipeClosed() {
    if (state == State.OPEN) {
      moveTo(State.DRAINING);
      if (held != null) {
        flushHeld();
      }
    } else if (state == State.OPENING) {
      close("the pipe did not open");
    }
  }

  private void gapExpired() {
    gapTimer = null;
    if (window.hasGap()) {
      close("a request never arrived within " + settings.gapTimeout().toMillis() + " ms");
    }
  }

  /** Closes the session when no request came for the idle timeout; on the session's loop. */
  void expireIfIdle() {
    if (state != State.CLOSED
        && held == null
        && nanoTime.getAsLong() - lastActivity > settings.idleTimeout().toNanos()) {
      close("no request for " + settings.idleTimeout().toSeconds() + " s");
    }
  }

  /** Ends the session: answers what waits with the close byte and closes the pipe. */
  void close(String reason) {
    if (state == State.CLOSED) {
      return;
    }
    moveTo(State.CLOSED);
    log.debug("RTMPT session {} from {} closed: {}", id, client, reason);
    flushHeld();
    for (Pending parked : window.drain()) {
      parked.body().release();
      parked.reply().ok(alloc.buffer(1).writeByte(CLOSE_BYTE));
    }
    if (gapTimer != null) {
      gapTimer.cancel(false);
    }
    pending.release();
    if (pipe != null) {
      pipe.close();
    }
    ready.tryFailure(new IllegalStateException("RTMPT session closed: " + reason));
    onClosed.accept(this);
  }

  private void moveTo(State next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("RTMPT session " + id + " is " + state + ", not " + next);
    }
    state = next;
  }

  private void runOnLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  /** Last handler of the pipe's client end. */
  private final class PipeHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf bytes) {
        received(bytes);
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      pipeClosed();
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.warn("RTMPT session {} from {}: pipe failed: {}", id, client, cause.toString());
      close("pipe failure");
    }
  }
}
