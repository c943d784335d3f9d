/**
 * Media files as sequences of stream frames: the {@link org.nimbusmedia.server.media.MediaSource}
 * that VOD playback reads, the FLV reader and writer ({@code flv}) and the ISO BMFF (MP4/F4V)
 * demuxer ({@code mp4}). Nothing here knows RTMP or the network: a source turns a file into the
 * frames the stream bus carries (FLV tag bodies with millisecond timestamps).
 *
 * <p>Files are untrusted input: every size and count read from a file has a limit, and a damaged
 * file yields its frames up to the damage and then a {@link
 * org.nimbusmedia.server.media.MediaFormatException} or a clean end with {@link
 * org.nimbusmedia.server.media.MediaSource#damage()} set.
 */
package org.nimbusmedia.server.media;
