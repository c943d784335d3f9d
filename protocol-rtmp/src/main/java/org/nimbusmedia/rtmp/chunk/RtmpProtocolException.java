package org.nimbusmedia.rtmp.chunk;

import io.netty.handler.codec.DecoderException;

/**
 * The peer broke the RTMP chunk or message rules, or exceeded one of the configured {@link
 * RtmpLimits}. The decoder that throws it has stopped decoding; the connection should be closed.
 */
public final class RtmpProtocolException extends DecoderException {

  /**
   * @param message what was wrong, with the values seen and the limit or spec section
   */
  public RtmpProtocolException(String message) {
    super(message);
  }
}
