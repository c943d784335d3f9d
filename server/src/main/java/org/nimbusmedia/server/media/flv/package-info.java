/**
 * FLV files (Adobe Flash Video File Format Specification 10.1, annex E): an index built by one
 * bounded scan of the tag headers, a source that plays a file from any seek point, and the tag
 * writer recordings use. An FLV tag body is exactly an RTMP audio, video or data message body.
 */
package org.nimbusmedia.server.media.flv;
