/**
 * The RTMPS front end: RTMP inside TLS on its own port, as FMS 4's TLS-only adaptor ports ({@code
 * Adaptor.xml SSL/SSLServerCtx}, {@code reference/fms4.md} sections 4 and 6). TLS is Netty's {@code
 * SslHandler} in front of the unchanged RTMP pipeline of {@link
 * org.nimbusmedia.server.rtmp.RtmpChannelInitializer}.
 */
package org.nimbusmedia.server.rtmps;
