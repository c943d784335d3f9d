package org.nimbusmedia.server.rtmfp;

import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.TcMetadata;
import org.nimbusmedia.rtmfp.session.Session;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.message.UserControlEvent;

/**
 * Puts the RTMP messages the application path writes on the session's flows (RFC 7425 section 5):
 * one flow per message stream and kind, each carrying {@code TC} metadata with the stream id and
 * answering the client's NetConnection flow (return flow association, RFC 7016 section 2.3.11.1.2),
 * which is where rtmfp-cpp's client (by the RFCs' author) accepts the server's flows, its tcserver
 * opening them the same way. Audio goes before video and video before data (the priorities Flash
 * gives them); media is partially reliable, abandoned when it is older than {@code mediaLifetime},
 * while commands, data and shared objects are fully reliable. The chunk layer's control messages
 * have no meaning on flows and are dropped.
 *
 * <p>{@link #send} and {@link #sendOnControlFlow} run on the session channel's event loop; {@link
 * #clientFlow} on the endpoint's, before the channel sees the message.
 */
final class OutboundFlows {
  /** The flows of one message stream, by what they carry, with their send priority. */
  enum Kind {
    /** Commands, data and shared objects of stream 0: the NetConnection. */
    CONNECTION(0),
    AUDIO(1),
    VIDEO(2),
    /** Commands and data of a NetStream. */
    STREAM_DATA(3);

    final int priority;

    Kind(int priority) {
      this.priority = priority;
    }
  }

  private record FlowKey(int streamId, Kind kind) {}

  private final Session session;
  private final Duration mediaLifetime;
  private volatile long clientControlFlow = -1;
  private final Map<FlowKey, Long> flows = new HashMap<>();

  OutboundFlows(Session session, Duration mediaLifetime) {
    this.session = session;
    this.mediaLifetime = mediaLifetime;
  }

  /**
   * The client sent on {@code flowId} for {@code streamId}: its first stream-0 flow is answered.
   */
  void clientFlow(int streamId, long flowId) {
    if (streamId == 0 && clientControlFlow < 0) {
      clientControlFlow = flowId;
    }
  }

  /** Sends one message on its flow; takes ownership of it. */
  void send(RawMessage message) {
    try {
      int type = message.typeId();
      if (isChunkLayerControl(type)) {
        return;
      }
      byte[] payload = ByteBufUtil.getBytes(message.content());
      int streamId = message.streamId();
      if (type == MessageType.USER_CONTROL && isStreamBegin(payload)) {
        streamId = streamBeginTarget(payload);
        if (streamId == 0) {
          return;
        }
      }
      Kind kind = kindOf(streamId, type);
      FlowMessage flowMessage = new FlowMessage(type, message.timestamp(), payload);
      boolean media = kind == Kind.AUDIO || kind == Kind.VIDEO;
      session.send(flow(streamId, kind), flowMessage.encode(), media ? mediaLifetime : null);
    } finally {
      message.release();
    }
  }

  /** Sends an RTMFP-only message (Set Keepalive Timers) on the NetConnection's flow. */
  void sendOnControlFlow(FlowMessage message) {
    session.send(flow(0, Kind.CONNECTION), message.encode());
  }

  private long flow(int streamId, Kind kind) {
    return flows.computeIfAbsent(
        new FlowKey(streamId, kind),
        key ->
            session.openFlow(
                new TcMetadata(streamId, false).encode(), clientControlFlow, kind.priority));
  }

  /**
   * RTMP announces a usable stream with User Control Stream Begin on stream 0: for the connection
   * itself after {@code connect}, for a NetStream before its play statuses. Over RTMFP a
   * NetConnection needs no announcing, and Flash's peers (as librtmfp, which copies them) expect
   * Stream Begin on the NetStream's own flow and report it as unknown on the NetConnection's. So
   * Stream Begin 0 is not sent, and Stream Begin n goes on stream n's flow.
   */
  private static boolean isStreamBegin(byte[] payload) {
    return payload.length == 6 && payload[0] == 0 && payload[1] == UserControlEvent.STREAM_BEGIN;
  }

  private static int streamBeginTarget(byte[] payload) {
    return ByteBuffer.wrap(payload).getInt(2);
  }

  private static Kind kindOf(int streamId, int type) {
    if (type == MessageType.AUDIO) {
      return Kind.AUDIO;
    }
    if (type == MessageType.VIDEO) {
      return Kind.VIDEO;
    }
    return streamId == 0 ? Kind.CONNECTION : Kind.STREAM_DATA;
  }

  /**
   * Set Chunk Size, Abort, Acknowledgement, Window Acknowledgement Size and Set Peer Bandwidth
   * manage the RTMP chunk stream, which RTMFP replaces (RFC 7425 section 5.1); they are neither
   * sent nor accepted on flows.
   */
  static boolean isChunkLayerControl(int type) {
    return type == MessageType.SET_CHUNK_SIZE
        || type == MessageType.ABORT
        || type == MessageType.ACKNOWLEDGEMENT
        || type == MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE
        || type == MessageType.SET_PEER_BANDWIDTH;
  }
}
