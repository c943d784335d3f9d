package org.nimbusmedia.server.rtmp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.handshake.HandshakeCompleted;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.server.metrics.ProtocolMeters;
import org.nimbusmedia.server.metrics.ProtocolMeters.Direction;

/**
 * Counts one connection's traffic where every RTMP message is still a {@link RawMessage} with its
 * type id: between the chunk codec and the message codec. Feeds the protocol's meters (connections,
 * handshakes, messages and payload bytes by kind) and keeps the connection's own totals for the
 * admin API and the access log. One per connection; the totals are written on its event loop and
 * may be read from any thread.
 */
final class RtmpTraffic extends ChannelDuplexHandler {
  /** Name of this handler in the pipeline. */
  static final String NAME = "traffic";

  /** The message types of live frames, in {@link #sentFrame}'s slots. */
  private static final int[] FRAME_TYPES = {
    MessageType.AUDIO, MessageType.VIDEO, MessageType.DATA_AMF0
  };

  private final ProtocolMeters meters;
  private final long connectedAtMillis = System.currentTimeMillis();
  private volatile long messagesIn;
  private volatile long messagesOut;
  private volatile long bytesIn;
  private volatile long bytesOut;
  private boolean counted;
  // Live frames sent and not yet published to the meters, by FRAME_TYPES slot (event loop only).
  private final long[] unpublishedFrames = new long[FRAME_TYPES.length];
  private final long[] unpublishedFrameBytes = new long[FRAME_TYPES.length];

  RtmpTraffic(ProtocolMeters meters) {
    this.meters = meters;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // The connection limiter before this handler does not pass on a connection it refuses.
    counted = true;
    meters.connectionOpened();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (counted) {
      counted = false;
      meters.connectionClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof HandshakeCompleted) {
      meters.handshakeCompleted();
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RawMessage raw) {
      int size = raw.content().readableBytes();
      messagesIn++;
      bytesIn += size;
      meters.messages(Direction.IN, raw.typeId(), RtmpTraffic::kind).record(1, size);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof RawMessage raw) {
      sent(raw.typeId(), raw.content().readableBytes());
    }
    ctx.write(msg, promise);
  }

  private void sent(int typeId, int payloadBytes) {
    messagesOut++;
    bytesOut += payloadBytes;
    meters.messages(Direction.OUT, typeId, RtmpTraffic::kind).record(1, payloadBytes);
  }

  /**
   * Counts a live frame written below this handler, straight to the chunk encoder (see {@link
   * RtmpSubscriber}), until {@link #publishFrames}: a player's frames are counted per drained
   * batch, not per frame, as the shared meters are contended. Called on the connection's event
   * loop.
   */
  void sentFrame(int typeId, int payloadBytes) {
    int slot = frameSlot(typeId);
    unpublishedFrames[slot]++;
    unpublishedFrameBytes[slot] += payloadBytes;
  }

  /** Adds the frames counted by {@link #sentFrame} since the last call to the totals and meters. */
  void publishFrames() {
    for (int slot = 0; slot < FRAME_TYPES.length; slot++) {
      long count = unpublishedFrames[slot];
      if (count > 0) {
        long bytes = unpublishedFrameBytes[slot];
        messagesOut += count;
        bytesOut += bytes;
        meters.messages(Direction.OUT, FRAME_TYPES[slot], RtmpTraffic::kind).record(count, bytes);
        unpublishedFrames[slot] = 0;
        unpublishedFrameBytes[slot] = 0;
      }
    }
  }

  private static int frameSlot(int typeId) {
    return switch (typeId) {
      case MessageType.AUDIO -> 0;
      case MessageType.VIDEO -> 1;
      case MessageType.DATA_AMF0 -> 2;
      default -> throw new IllegalArgumentException("not a live frame's type: " + typeId);
    };
  }

  /** The {@code type} tag of an RTMP message type (RTMP 1.0 sections 5.4 and 7.1). */
  static String kind(int typeId) {
    return switch (typeId) {
      case MessageType.SET_CHUNK_SIZE,
          MessageType.ABORT,
          MessageType.ACKNOWLEDGEMENT,
          MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE,
          MessageType.SET_PEER_BANDWIDTH ->
          "protocol_control";
      case MessageType.USER_CONTROL -> "user_control";
      case MessageType.AUDIO -> "audio";
      case MessageType.VIDEO -> "video";
      case MessageType.DATA_AMF0, MessageType.DATA_AMF3 -> "data";
      case MessageType.SHARED_OBJECT_AMF0, MessageType.SHARED_OBJECT_AMF3 -> "shared_object";
      case MessageType.COMMAND_AMF0, MessageType.COMMAND_AMF3 -> "command";
      case MessageType.AGGREGATE -> "aggregate";
      default -> "other";
    };
  }

  long connectedAtMillis() {
    return connectedAtMillis;
  }

  long messagesIn() {
    return messagesIn;
  }

  long messagesOut() {
    return messagesOut;
  }

  long bytesIn() {
    return bytesIn;
  }

  long bytesOut() {
    return bytesOut;
  }
}
