package org.nimbusmedia.rtmp.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server and client handshakes share: the state machine of RTMP 1.0 section 5.2.4, the
 * timeout, and removing the handler once done so that bytes after the handshake (possibly in the
 * same read as the last handshake bytes) flow on to the chunk decoder.
 */
abstract class HandshakeHandler extends ByteToMessageDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  /** The only RTMP version accepted in C0/S0 (5.2.2); 6, 8 and 9 are encrypted RTMPE. */
  static final int RTMP_VERSION = 3;

  /** Handshake states of section 5.2.4; {@link #DONE} and {@link #FAILED} are terminal. */
  enum State {
    UNINITIALIZED,
    VERSION_SENT,
    ACK_SENT,
    DONE,
    FAILED;

    boolean isTerminal() {
      return this == DONE || this == FAILED;
    }
  }

  private final Duration timeout;
  final Random random;
  private State state = State.UNINITIALIZED;
  private ScheduledFuture<?> timeoutFuture;

  HandshakeHandler(Duration timeout, Random random) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("handshake timeout must be positive, got " + timeout);
    }
    this.random = Objects.requireNonNull(random, "random");
  }

  State state() {
    return state;
  }

  /** Moves forward only; a terminal state is never left. */
  final boolean transition(State next) {
    if (state.isTerminal() || next.ordinal() <= state.ordinal()) {
      return false;
    }
    state = next;
    return true;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  private void start(ChannelHandlerContext ctx) {
    if (timeoutFuture != null) {
      return;
    }
    timeoutFuture =
        ctx.executor()
            .schedule(
                () -> fail(ctx, "handshake not finished within " + timeout.toMillis() + " ms"),
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    onActive(ctx);
  }

  /** Called once the channel is active; the client sends C0 and C1 here. */
  void onActive(ChannelHandlerContext ctx) {}

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (state.isTerminal()) {
      // FAILED: the channel is closing, drop what else arrives.
      in.skipBytes(in.readableBytes());
      return;
    }
    read(ctx, in);
  }

  /** Reads as much of the handshake as has arrived; consumes nothing when a packet is partial. */
  abstract void read(ChannelHandlerContext ctx, ByteBuf in);

  /** Ends the handshake: the next bytes in the cumulation are passed on as chunk data. */
  final void complete(ChannelHandlerContext ctx, boolean digest) {
    if (transition(State.DONE)) {
      cancelTimeout();
      ctx.fireUserEventTriggered(new HandshakeCompleted(digest));
      ctx.pipeline().remove(this);
    }
  }

  /** Ends the handshake with one log line and closes the connection. */
  final void fail(ChannelHandlerContext ctx, String reason) {
    if (transition(State.FAILED)) {
      cancelTimeout();
      LOG.info("RTMP handshake with {} failed: {}", ctx.channel().remoteAddress(), reason);
      ctx.close();
    }
  }

  private void cancelTimeout() {
    if (timeoutFuture != null) {
      timeoutFuture.cancel(false);
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelTimeout();
  }

  /** Reads {@link HandshakeDigest#PACKET_LENGTH} bytes into a new array. */
  static byte[] readPacket(ByteBuf in) {
    byte[] packet = new byte[HandshakeDigest.PACKET_LENGTH];
    in.readBytes(packet);
    return packet;
  }

  /** Human-readable name of an unsupported C0/S0 version byte. */
  static String describeVersion(int version) {
    return switch (version) {
      case 6, 8, 9 -> "RTMPE (version byte " + version + ") is not supported";
      default -> "unsupported RTMP version byte " + version;
    };
  }
}
