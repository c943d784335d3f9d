/**
 * RTMP chunk stream: the per-connection decoder that reassembles chunks into whole messages and the
 * encoder that splits messages into chunks (Adobe "RTMP Specification 1.0", 2012, section 5.3),
 * together with the protocol control messages that change the chunking itself (section 5.4: Set
 * Chunk Size, Abort, Acknowledgement, Window Acknowledgement Size).
 *
 * <p>This layer knows message type ids and header fields only; payloads travel up as {@link
 * org.nimbusmedia.rtmp.chunk.RawMessage} and are typed by {@code org.nimbusmedia.rtmp.message}.
 * Every length the peer announces is bounded by {@link org.nimbusmedia.rtmp.chunk.RtmpLimits}.
 */
package org.nimbusmedia.rtmp.chunk;
