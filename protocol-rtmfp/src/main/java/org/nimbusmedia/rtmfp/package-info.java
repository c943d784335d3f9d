/**
 * RTMFP transport (RFC 7016) with the Flash profile (RFC 7425). Depends on {@code protocol-rtmp}
 * for AMF and the message model only.
 *
 * <ul>
 *   <li>{@code wire}: VLUs, options, addresses, packet and chunk framing (RFC 7016 section 2);
 *   <li>{@code crypto}: checksum, AES-CBC, session id scrambling, DH, key derivation, HMAC and
 *       sequence number modes, cookies (RFC 7425 section 4);
 *   <li>{@code handshake}: startup chunks, EPDs, certificates, key components (RFC 7016 section
 *       2.3, RFC 7425 sections 4.3 to 4.6);
 *   <li>{@code flow}: user data, acknowledgements, sending and receiving flows (RFC 7016 section
 *       3.6);
 *   <li>{@code session}: the Netty endpoint, handshakes, sessions (RFC 7016 section 3.5);
 *   <li>{@code flash}: RTMP messages on flows and a client (RFC 7425 section 5).
 * </ul>
 */
package org.nimbusmedia.rtmfp;
