package org.nimbusmedia.rtmp.handshake;

import static org.nimbusmedia.rtmp.handshake.HandshakeDigest.PACKET_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;

/**
 * Client side of the RTMP handshake (RTMP 1.0 section 5.2). Put it first in the pipeline; when the
 * channel is active it sends C0 and a digest C1 (version {@link #CLIENT_VERSION}, digest scheme 0,
 * Flash Player key), reads S0+S1+S2, sends C2, fires {@link HandshakeCompleted} and removes itself.
 *
 * <p>If S1 carries a valid server digest (either scheme), C2 is random with its last 32 bytes keyed
 * by that digest, as Flash Player does; otherwise C2 echoes S1 (simple handshake). S2 is not
 * checked.
 */
public final class RtmpClientHandshakeHandler extends HandshakeHandler {

  /** Version bytes of C1: 10.0.45.2, what librtmp sends for plain RTMP. */
  static final byte[] CLIENT_VERSION = {10, 0, 45, 2};

  /**
   * @param timeout how long the server may take to complete the handshake
   */
  public RtmpClientHandshakeHandler(Duration timeout) {
    this(timeout, new SecureRandom());
  }

  /**
   * @param timeout how long the server may take to complete the handshake
   * @param random source of the random bytes of C1 and C2
   */
  public RtmpClientHandshakeHandler(Duration timeout, Random random) {
    super(timeout, random);
  }

  @Override
  void onActive(ChannelHandlerContext ctx) {
    byte[] c1 = new byte[PACKET_LENGTH];
    random.nextBytes(c1);
    c1[0] = c1[1] = c1[2] = c1[3] = 0;
    System.arraycopy(CLIENT_VERSION, 0, c1, 4, 4);
    HandshakeDigest.sign(c1, HandshakeDigest.Scheme.SCHEME_0, HandshakeDigest.PLAYER_KEY_SHORT);
    ByteBuf hello = ctx.alloc().buffer(1 + PACKET_LENGTH);
    hello.writeByte(RTMP_VERSION).writeBytes(c1);
    ctx.writeAndFlush(hello);
    transition(State.VERSION_SENT);
  }

  @Override
  void read(ChannelHandlerContext ctx, ByteBuf in) {
    if (state() != State.VERSION_SENT || !in.isReadable()) {
      return;
    }
    int version = in.getUnsignedByte(in.readerIndex());
    if (version != RTMP_VERSION) {
      in.skipBytes(in.readableBytes());
      fail(ctx, "server answered with " + describeVersion(version));
      return;
    }
    if (in.readableBytes() < 1 + 2 * PACKET_LENGTH) {
      return;
    }
    in.skipBytes(1);
    byte[] s1 = readPacket(in);
    in.skipBytes(PACKET_LENGTH);
    HandshakeDigest.Found server = null;
    if (s1[4] != 0 || s1[5] != 0 || s1[6] != 0 || s1[7] != 0) {
      server = HandshakeDigest.findDigest(s1, HandshakeDigest.SERVER_KEY_SHORT);
    }
    byte[] c2;
    if (server == null) {
      c2 = s1;
    } else {
      c2 = new byte[PACKET_LENGTH];
      random.nextBytes(c2);
      HandshakeDigest.signResponse(c2, server.digest(), HandshakeDigest.PLAYER_KEY);
    }
    ctx.writeAndFlush(ctx.alloc().buffer(PACKET_LENGTH).writeBytes(c2));
    complete(ctx, server != null);
  }
}
