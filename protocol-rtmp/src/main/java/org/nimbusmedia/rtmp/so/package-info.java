/**
 * Remote shared object messages (RTMP message types 0x13 and 0x10): the immutable message and event
 * model and the codec that turns raw messages into it and back. The wire layout is the one in
 * fms4.md section 2 (name, version, flags, then typed events). Depends on Netty and the AMF codec
 * only; what a server does with the events lives in the server module.
 */
package org.nimbusmedia.rtmp.so;
