package org.nimbusmedia.rtmp.handshake;

import static org.nimbusmedia.rtmp.handshake.HandshakeDigest.PACKET_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;

/**
 * Server side of the RTMP handshake (RTMP 1.0 section 5.2). Put it first in the pipeline; it
 * answers C0+C1 with S0+S1+S2, waits for C2, fires {@link HandshakeCompleted} and removes itself.
 *
 * <p>A C1 with version bytes 0 gets the simple handshake: S1 = time, four zero bytes, random; S2
 * echoes C1. A C1 with a non-zero version whose digest validates under either scheme with the Flash
 * Player key gets the digest handshake: S1 carries {@link #SERVER_VERSION} and its own digest under
 * the client's scheme, and S2 is random with the last 32 bytes keyed by the client digest. Clients
 * with a non-zero version and no valid digest (ffmpeg's native RTMP, many encoders) get the simple
 * handshake. C2 is read but not checked, as FMS does not check it either.
 *
 * <p>A C0 other than 3, including RTMPE's 6/8/9, closes the connection with one log line, as does a
 * handshake that has not finished within the timeout.
 */
public final class RtmpServerHandshakeHandler extends HandshakeHandler {

  /**
   * Version bytes the server puts in S1 of a digest handshake: 4.5.0.1, i.e. FMS 4.5 (the build
   * number of "FMS/4,5,0,297" does not fit one byte). Flash Player only needs it to be non-zero.
   */
  static final byte[] SERVER_VERSION = {4, 5, 0, 1};

  /** Whether S1/S2 were built for the digest handshake; reported once C2 has arrived. */
  private boolean digest;

  /**
   * @param timeout how long C0, C1 and C2 may take to arrive from the time the channel is active
   */
  public RtmpServerHandshakeHandler(Duration timeout) {
    this(timeout, new SecureRandom());
  }

  /**
   * @param timeout how long C0, C1 and C2 may take to arrive from the time the channel is active
   * @param random source of the random bytes of S1 and S2
   */
  public RtmpServerHandshakeHandler(Duration timeout, Random random) {
    super(timeout, random);
  }

  @Override
  void read(ChannelHandlerContext ctx, ByteBuf in) {
    if (state() == State.UNINITIALIZED) {
      if (!in.isReadable()) {
        return;
      }
      int version = in.getUnsignedByte(in.readerIndex());
      if (version != RTMP_VERSION) {
        in.skipBytes(in.readableBytes());
        fail(ctx, describeVersion(version));
        return;
      }
      if (in.readableBytes() < 1 + PACKET_LENGTH) {
        return;
      }
      in.skipBytes(1);
      byte[] c1 = readPacket(in);
      digest = respond(ctx, c1);
      transition(State.ACK_SENT);
    }
    if (state() == State.ACK_SENT && in.readableBytes() >= PACKET_LENGTH) {
      in.skipBytes(PACKET_LENGTH);
      complete(ctx, digest);
    }
  }

  /** Writes S0, S1 and S2; returns whether the digest handshake was used. */
  private boolean respond(ChannelHandlerContext ctx, byte[] c1) {
    byte[] s1 = new byte[PACKET_LENGTH];
    random.nextBytes(s1);
    // Time field (5.2.3): the spec allows 0; version bytes are set below.
    s1[0] = s1[1] = s1[2] = s1[3] = 0;
    byte[] s2;
    HandshakeDigest.Found client = null;
    if (c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0) {
      client = HandshakeDigest.findDigest(c1, HandshakeDigest.PLAYER_KEY_SHORT);
    }
    if (client == null) {
      s1[4] = s1[5] = s1[6] = s1[7] = 0;
      s2 = c1;
    } else {
      System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
      HandshakeDigest.sign(s1, client.scheme(), HandshakeDigest.SERVER_KEY_SHORT);
      s2 = new byte[PACKET_LENGTH];
      random.nextBytes(s2);
      HandshakeDigest.signResponse(s2, client.digest(), HandshakeDigest.SERVER_KEY);
    }
    ByteBuf response = ctx.alloc().buffer(1 + 2 * PACKET_LENGTH);
    response.writeByte(RTMP_VERSION).writeBytes(s1).writeBytes(s2);
    ctx.writeAndFlush(response);
    return client != null;
  }
}
