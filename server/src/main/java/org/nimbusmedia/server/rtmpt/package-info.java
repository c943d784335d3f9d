/**
 * The RTMPT front end: RTMP tunnelled in HTTP POSTs ({@code reference/fms4.md} section 3). {@code
 * /open/1} starts a session, {@code /send}, {@code /idle} and {@code /close} carry it; each session
 * is a byte pipe into an in-VM channel that runs the very same RTMP pipeline as a TCP connection
 * ({@link org.nimbusmedia.server.rtmp.RtmpChannelInitializer}), so the handshake, chunk codec and
 * connection handling have one code path for every transport.
 */
package org.nimbusmedia.server.rtmpt;
