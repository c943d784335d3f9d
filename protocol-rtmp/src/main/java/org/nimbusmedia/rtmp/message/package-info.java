/**
 * RTMP messages that need no AMF: the protocol control messages (Adobe "RTMP Specification 1.0",
 * 2012, section 5.4), user control events (section 6.2 and 7.1.7), audio and video messages
 * (sections 7.1.4 and 7.1.5) and aggregate messages (section 7.1.6), plus {@link
 * org.nimbusmedia.rtmp.message.RtmpMessageCodec}, which turns the chunk layer's raw messages into
 * these types and back through one small decoder per message type id.
 *
 * <p>Command, data and shared object messages (types 0x0F to 0x14) stay {@link
 * org.nimbusmedia.rtmp.chunk.RawMessage}s here; the AMF layer decodes them.
 */
package org.nimbusmedia.rtmp.message;
