package org.nimbusmedia.rtmp.message;

import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import org.nimbusmedia.rtmp.chunk.RtmpChunkDecoder;
import org.nimbusmedia.rtmp.chunk.RtmpChunkEncoder;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;
import org.nimbusmedia.rtmp.handshake.RtmpClientHandshakeHandler;
import org.nimbusmedia.rtmp.handshake.RtmpServerHandshakeHandler;

/**
 * Adds the RTMP protocol handlers to a pipeline under fixed names, for a channel initializer to
 * call. From the head:
 *
 * <ol>
 *   <li>{@value #HANDSHAKE}: the server or client handshake; removes itself when done;
 *   <li>{@value #CHUNK_DECODER}: bytes to {@link org.nimbusmedia.rtmp.chunk.RawMessage};
 *   <li>{@value #CHUNK_ENCODER}: {@link org.nimbusmedia.rtmp.chunk.RawMessage} to bytes;
 *   <li>{@value #MESSAGE_CODEC}: raw messages to and from typed messages.
 * </ol>
 *
 * Handlers added after these receive {@link ControlMessage}s, {@link MediaMessage}s and raw
 * command, data and shared object messages, and write the same kinds.
 */
public final class RtmpPipeline {

  /** Name of the handshake handler. */
  public static final String HANDSHAKE = "rtmp-handshake";

  /** Name of the chunk decoder. */
  public static final String CHUNK_DECODER = "rtmp-chunk-decoder";

  /** Name of the chunk encoder. */
  public static final String CHUNK_ENCODER = "rtmp-chunk-encoder";

  /** Name of the message codec. */
  public static final String MESSAGE_CODEC = "rtmp-message-codec";

  private RtmpPipeline() {}

  /** Adds the server-side handlers at the end of the pipeline. */
  public static void addServerHandlers(
      ChannelPipeline pipeline, Duration handshakeTimeout, RtmpLimits limits) {
    pipeline.addLast(HANDSHAKE, new RtmpServerHandshakeHandler(handshakeTimeout));
    addCodecs(pipeline, limits);
  }

  /** Adds the client-side handlers at the end of the pipeline. */
  public static void addClientHandlers(
      ChannelPipeline pipeline, Duration handshakeTimeout, RtmpLimits limits) {
    pipeline.addLast(HANDSHAKE, new RtmpClientHandshakeHandler(handshakeTimeout));
    addCodecs(pipeline, limits);
  }

  private static void addCodecs(ChannelPipeline pipeline, RtmpLimits limits) {
    pipeline.addLast(CHUNK_DECODER, new RtmpChunkDecoder(limits));
    pipeline.addLast(CHUNK_ENCODER, new RtmpChunkEncoder());
    pipeline.addLast(MESSAGE_CODEC, new RtmpMessageCodec());
  }
}
