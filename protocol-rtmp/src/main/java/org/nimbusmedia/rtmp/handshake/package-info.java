/**
 * RTMP handshake, server and client side, as one-shot Netty handlers that remove themselves once
 * C0..C2 / S0..S2 have been exchanged (Adobe "RTMP Specification 1.0", 2012, section 5.2).
 *
 * <p>Besides the "simple" handshake of section 5.2, the server and client speak the digest
 * handshake that Flash Player 9 and later use (not in the published spec; documented from librtmp
 * and FMS behaviour in the project's reference notes, fms4.md section 4): an HMAC-SHA256 digest
 * sits at one of two scheme-dependent offsets in C1/S1, and the last 32 bytes of S2/C2 are keyed by
 * the peer's digest. Encrypted RTMPE (C0 = 6, 8 or 9) is not supported.
 */
package org.nimbusmedia.rtmp.handshake;
