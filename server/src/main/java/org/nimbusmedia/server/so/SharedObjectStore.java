package org.nimbusmedia.server.so;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent shared objects of one instance, one file per object: {@code <dir>/<name>.so}, where a
 * name with {@code /} becomes sub-folders (fms4.md section 1.5 allows any format). A file is one
 * frame: magic {@code NSO1}, payload length (u32), CRC32 of the payload (u32), then the payload:
 * version (u32) and the slots as one AMF0 object. A write goes to a temporary file that is forced
 * to disk, the previous file becomes {@code .bak}, and the temporary file is renamed into place
 * atomically. A file whose frame does not check out is a torn or damaged write: the {@code .bak}
 * (the last good state) is loaded instead.
 */
public final class SharedObjectStore {
  private static final Logger log = LoggerFactory.getLogger(SharedObjectStore.class);
  private static final int MAGIC = 0x4E534F31; // "NSO1"
  private static final int HEADER = 12;

  private final Path directory;
  private final AmfLimits limits;

  /** What was stored: a version and the slots. */
  public record Stored(long version, Map<String, Object> properties) {}

  public SharedObjectStore(Path directory, AmfLimits limits) {
    this.directory = directory;
    this.limits = limits;
  }

  /** Whether {@code name} maps to a path inside the store: no empty, dot or dot-dot segment. */
  public static boolean validName(String name) {
    if (name.isEmpty() || name.length() > 1024) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (c < 0x20 || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
            || c == '>' || c == '|') {
          return false;
        }
      }
    }
    return true;
  }

  Path file(String name) {
    return directory.resolve(name + ".so");
  }

  /** The last good state of {@code name}, or {@code null} when nothing was stored. */
  public Stored load(String name) {
    Path file = file(name);
    Stored stored = read(file);
    if (stored == null) {
      Path backup = file.resolveSibling(file.getFileName() + ".bak");
      stored = read(backup);
      if (stored != null) {
        log.warn("Shared object file {} is damaged; loaded the previous state {}", file, backup);
      }
    }
    return stored;
  }

  private Stored read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      log.warn("Cannot read shared object file {}: {}", file, e.toString());
      return null;
    }
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    if (in.readableBytes() < HEADER || in.readInt() != MAGIC) {
      log.warn("Shared object file {} has no valid header", file);
      return null;
    }
    long length = in.readUnsignedInt();
    long crc = in.readUnsignedInt();
    if (length != in.readableBytes() || length < 4) {
      log.warn("Shared object file {} is torn: {} of {} bytes", file, in.readableBytes(), length);
      return null;
    }
    CRC32 check = new CRC32();
    check.update(bytes, HEADER, (int) length);
    if (check.getValue() != crc) {
      log.warn("Shared object file {} fails its checksum", file);
      return null;
    }
    try {
      long version = in.readUnsignedInt();
      Object value = new Amf0Decoder(limits).decodeAll(in).stream().findFirst().orElse(null);
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      AmfObject properties = new AmfObject();
      map.forEach((k, v) -> properties.put(String.valueOf(k), v));
      return new Stored(version, properties);
    } catch (RuntimeException e) {
      log.warn("Shared object file {} does not decode: {}", file, e.toString());
      return null;
    }
  }

  /**
   * Stores a state durably: when this returns, the data is on disk (temporary file, fsync, atomic
   * rename, fsync of the folder).
   */
  public void write(String name, long version, Map<String, Object> properties) throws IOException {
    ByteBuf payload = Unpooled.buffer();
    byte[] frame;
    try {
      payload.writeInt((int) version);
      AmfObject slots = new AmfObject();
      slots.putAll(properties);
      new Amf0Encoder().encode(slots, payload);
      byte[] body = ByteBufUtil.getBytes(payload);
      CRC32 crc = new CRC32();
      crc.update(body);
      ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
      out.putInt(MAGIC).putInt(body.length).putInt((int) crc.getValue()).put(body);
      frame = out.array();
    } finally {
      payload.release();
    }
    Path file = file(name);
    Path folder = file.getParent();
    Files.createDirectories(folder);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(frame);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    if (Files.exists(file)) {
      move(file, file.resolveSibling(file.getFileName() + ".bak"));
    }
    move(temporary, file);
    forceFolder(folder);
  }

  /** The names of the objects stored here, with a current or a last good file. */
  public Set<String> names() throws IOException {
    Set<String> names = new TreeSet<>();
    if (!Files.isDirectory(directory)) {
      return names;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files
          .filter(Files::isRegularFile)
          .map(
              f ->
                  directory.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
          .forEach(
              relative -> {
                if (relative.endsWith(".so")) {
                  names.add(relative.substring(0, relative.length() - ".so".length()));
                } else if (relative.endsWith(".so.bak")) {
                  names.add(relative.substring(0, relative.length() - ".so.bak".length()));
                }
              });
    }
    return names;
  }

  /** Deletes every file of {@code name}: the current state, the last good one, a partial write. */
  public void delete(String name) throws IOException {
    Path file = file(name);
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".bak"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
    forceFolder(file.getParent());
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a folder; the renamed file itself was forced already.
    }
  }
}
