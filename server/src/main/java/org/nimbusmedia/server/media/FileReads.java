package org.nimbusmedia.server.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads that either fill what they were asked for or fail. */
public final class FileReads {
  private FileReads() {}

  /**
   * Reads {@code buffer.remaining()} bytes at {@code position}; EOFException when the file ends.
   */
  public static ByteBuffer readFully(FileChannel file, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = file.read(buffer, at);
      if (read < 0) {
        throw new EOFException("file ends at byte " + at);
      }
      at += read;
    }
    return buffer.flip();
  }

  /** {@code length} bytes at {@code position} in a new buffer the caller owns. */
  public static ByteBuf read(
      FileChannel file, ByteBufAllocator allocator, long position, int length) throws IOException {
    ByteBuf buffer = allocator.buffer(length, length);
    try {
      readInto(file, buffer, position, length);
      return buffer;
    } catch (IOException | RuntimeException e) {
      buffer.release();
      throw e;
    }
  }

  /** Appends {@code length} bytes read at {@code position} to {@code buffer}. */
  public static void readInto(FileChannel file, ByteBuf buffer, long position, int length)
      throws IOException {
    long at = position;
    int left = length;
    while (left > 0) {
      int read = buffer.writeBytes(file, at, left);
      if (read < 0) {
        throw new EOFException("file ends at byte " + at);
      }
      at += read;
      left -= read;
    }
  }
}
