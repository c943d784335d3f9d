package org.nimbusmedia.server.media;

import java.io.IOException;

/** A media file is not what its format says: a size out of bounds, a missing table, a bad tag. */
public final class MediaFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public MediaFormatException(String message) {
    super(message);
  }
}
