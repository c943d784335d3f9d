package org.nimbusmedia.server.vod;

import java.nio.file.Path;

/**
 * A media file a stream name resolved to, inside a storage folder.
 *
 * @param path the file
 * @param format how it is read
 */
public record MediaFile(Path path, StreamFileName.Format format) {}
