/**
 * The RTMFP front end on the application path (RFC 7425 section 5): each RTMFP session becomes a
 * socketless channel that carries whole RTMP messages through the same handlers as an RTMP
 * connection, so RTMFP clients get the same applications, calls, shared objects and stream bus;
 * peer IDs, nonces and {@code setPeerInfo} reach the application through {@link
 * org.nimbusmedia.server.rtmp.RtmfpPeer}.
 */
package org.nimbusmedia.server.rtmfp;
