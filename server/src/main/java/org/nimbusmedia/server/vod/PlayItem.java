package org.nimbusmedia.server.vod;

/**
 * One entry of a NetStream's playlist: a file, where to start and how much to play.
 *
 * @param name the stream name as the client asked for it (for status events)
 * @param file the file it resolved to
 * @param start position in milliseconds (0 or more)
 * @param length milliseconds to play; negative plays to the end, 0 a single frame
 */
public record PlayItem(String name, MediaFile file, long start, long length) {}
