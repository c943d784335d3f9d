package org.nimbusmedia.rtmp.handshake;

/**
 * User event fired down the pipeline when a handshake handler has finished and removed itself; the
 * next bytes are chunks.
 *
 * @param digest true when the Flash Player 9+ digest handshake was used, false for the simple one
 */
public record HandshakeCompleted(boolean digest) {}
