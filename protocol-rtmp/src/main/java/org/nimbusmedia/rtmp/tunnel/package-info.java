/**
 * The client end of RTMPT, RTMP tunnelled in HTTP/1.1 POSTs ({@code reference/fms4.md} section 3):
 * {@code /open/1}, {@code /send}, {@code /idle} and {@code /close}, each answer starting with the
 * server's polling-interval byte. It turns an HTTP connection into a byte pipe under the ordinary
 * RTMP client pipeline, so the handshake and chunk codec are the same for every transport. The
 * server end is in the server module ({@code org.nimbusmedia.server.rtmpt}).
 */
package org.nimbusmedia.rtmp.tunnel;
