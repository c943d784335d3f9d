package org.nimbusmedia.rtmp.message;

import io.netty.buffer.ByteBuf;
import org.nimbusmedia.rtmp.chunk.RawMessage;

/**
 * The translation table: message type id to the small decoder that turns a raw message into its
 * typed form. Type ids without an entry (commands, data and shared objects, 0x0F to 0x14, and
 * anything unknown) stay raw for the AMF layer.
 */
final class MessageDecoders {

  /** Turns one raw message into a typed message; the raw message is not released. */
  @FunctionalInterface
  interface MessageDecoder {
    Object decode(RawMessage raw);
  }

  private static final MessageDecoder[] DECODERS = new MessageDecoder[256];

  static {
    DECODERS[MessageType.SET_CHUNK_SIZE] = raw -> SetChunkSize.read(payload(raw));
    DECODERS[MessageType.ABORT] = raw -> Abort.read(payload(raw));
    DECODERS[MessageType.ACKNOWLEDGEMENT] = raw -> Acknowledgement.read(payload(raw));
    DECODERS[MessageType.USER_CONTROL] = raw -> UserControlEvent.read(payload(raw));
    DECODERS[MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE] =
        raw -> WindowAcknowledgementSize.read(payload(raw));
    DECODERS[MessageType.SET_PEER_BANDWIDTH] = raw -> SetPeerBandwidth.read(payload(raw));
    DECODERS[MessageType.AUDIO] =
        raw -> new AudioMessage(raw.streamId(), raw.timestamp(), raw.content().retain());
    DECODERS[MessageType.VIDEO] =
        raw -> new VideoMessage(raw.streamId(), raw.timestamp(), raw.content().retain());
  }

  private MessageDecoders() {}

  /** The decoder for a type id, or null when messages of that type stay raw. */
  static MessageDecoder forType(int typeId) {
    return DECODERS[typeId];
  }

  /** A view of the payload, so that decoding does not move the raw message's reader index. */
  private static ByteBuf payload(RawMessage raw) {
    return raw.content().duplicate();
  }
}
