/**
 * Cryptography of the Flash profile of RTMFP (RFC 7425 section 4): the Internet checksum (RFC 1071)
 * that guards each packet in checksum mode (section 4.5), AES-128-CBC packet encryption with a zero
 * IV and the default key {@code "Adobe Systems 02"} for startup packets (section 4.1), session id
 * scrambling (RFC 7016 section 2.2.1), Diffie-Hellman groups 2, 5 and 14 (section 4.2) with
 * minimal-length key encoding, key derivation and session nonces (section 4.6), and stateless
 * handshake cookies (RFC 7016 section 3.5.1.2).
 */
package org.nimbusmedia.rtmfp.crypto;
