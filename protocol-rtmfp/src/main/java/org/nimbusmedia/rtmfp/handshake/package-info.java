/**
 * The RTMFP session startup handshake (RFC 7016 sections 2.3.2 to 2.3.8 and 3.5.1) with the Flash
 * profile's endpoint discriminators, certificates and session key components (RFC 7425 sections 4.3
 * to 4.6): the startup chunks as immutable records that encode and decode themselves with bounded
 * parsing, and the certificate and key component helpers.
 */
package org.nimbusmedia.rtmfp.handshake;
