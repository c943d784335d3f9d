/**
 * AMF0 decoder and encoder: every type marker, object references (0x07), long strings, and the AVM+
 * marker (0x11) that switches a value to AMF3 inside an AMF0 stream, as RTMP command and data
 * messages use it.
 *
 * <p>Specification: Adobe, "Action Message Format -- AMF 0" (2006), sections 2 and 3.1.
 */
package org.nimbusmedia.rtmp.amf.amf0;
