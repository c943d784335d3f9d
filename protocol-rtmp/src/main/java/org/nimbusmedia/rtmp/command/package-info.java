/**
 * Command and data messages: the AMF-encoded RTMP messages of types 0x14/0x11 (commands, RTMP 1.0
 * section 7.1.1, NetConnection and NetStream commands in 7.2) and 0x12/0x0F (data, 7.1.2), decoded
 * into {@link org.nimbusmedia.rtmp.command.Command} and {@link
 * org.nimbusmedia.rtmp.command.DataMessage} and encoded back.
 */
package org.nimbusmedia.rtmp.command;
