/**
 * Recording and video on demand (FMS 4: {@code publish(name, "record"|"append"|"appendWithGap")},
 * {@code Stream.record}, {@code play(name, start, len, reset)} of recorded and uploaded files,
 * {@code VirtualDirectory/Streams}). Stream names become files only through {@link
 * org.nimbusmedia.server.vod.StreamFileName} and {@link org.nimbusmedia.server.vod.MediaLibrary},
 * which refuse anything that could leave the storage folders. Playback reads files on a small
 * executor of its own, never on a Netty event loop, and paces frames to real time with a bounded
 * read-ahead; a recorder is a subscriber of the live stream bus, so any protocol's publisher can be
 * recorded.
 */
package org.nimbusmedia.server.vod;
