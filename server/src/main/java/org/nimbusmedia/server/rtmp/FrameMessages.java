package org.nimbusmedia.server.rtmp;

import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.SharedMessage;
import org.nimbusmedia.rtmp.command.CommandCodec;
import org.nimbusmedia.rtmp.message.AudioMessage;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.message.RtmpMessageCodec;
import org.nimbusmedia.rtmp.message.VideoMessage;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/** Stream frames as the RTMP messages a player gets on its NetStream's message stream id. */
final class FrameMessages {
  private FrameMessages() {}

  /**
   * The message for {@code frame} stamped {@code timestamp}. The payload may be shared with other
   * players: the message gets its own indices and reference; the frame stays the caller's.
   */
  static Object of(StreamFrame frame, int streamId, long timestamp) {
    return switch (frame.kind()) {
      case AUDIO -> new AudioMessage(streamId, timestamp, frame.content().retainedDuplicate());
      case VIDEO -> new VideoMessage(streamId, timestamp, frame.content().retainedDuplicate());
      case DATA ->
          new RawMessage(
              CommandCodec.STREAM_CHUNK_STREAM_ID,
              MessageType.DATA_AMF0,
              streamId,
              timestamp,
              frame.content().retainedDuplicate());
    };
  }

  /**
   * The same message for a connection's chunk encoder, on the chunk streams the message codec uses.
   * Takes the caller's reference to {@code frame}.
   */
  static SharedMessage shared(StreamFrame frame, int streamId, long timestamp) {
    return new SharedMessage(
        chunkStreamId(frame.kind()), typeId(frame), streamId, timestamp, frame);
  }

  /** The chunk stream a frame of {@code kind} goes on. */
  static int chunkStreamId(FrameKind kind) {
    return switch (kind) {
      case AUDIO -> RtmpMessageCodec.AUDIO_CHUNK_STREAM_ID;
      case VIDEO -> RtmpMessageCodec.VIDEO_CHUNK_STREAM_ID;
      case DATA -> CommandCodec.STREAM_CHUNK_STREAM_ID;
    };
  }

  /** The kind of frame that goes on chunk stream {@code chunkStreamId} (one of the three above). */
  static FrameKind kindOf(int chunkStreamId) {
    if (chunkStreamId == RtmpMessageCodec.AUDIO_CHUNK_STREAM_ID) {
      return FrameKind.AUDIO;
    }
    return chunkStreamId == RtmpMessageCodec.VIDEO_CHUNK_STREAM_ID
        ? FrameKind.VIDEO
        : FrameKind.DATA;
  }

  /** The RTMP message type that carries {@code frame}. */
  static int typeId(StreamFrame frame) {
    return switch (frame.kind()) {
      case AUDIO -> MessageType.AUDIO;
      case VIDEO -> MessageType.VIDEO;
      case DATA -> MessageType.DATA_AMF0;
    };
  }
}
