/**
 * RTMP protocol: AMF encodings, handshake, chunk stream codec, message model and a client. Depends
 * on Netty only; nothing here knows of the server. Specification: Adobe RTMP Specification 1.0
 * (2012).
 */
package org.nimbusmedia.rtmp;
