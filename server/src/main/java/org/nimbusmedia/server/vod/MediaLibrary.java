package org.nimbusmedia.server.vod;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.app.InstancePathPattern;
import org.nimbusmedia.server.config.MediaConfig;
import org.nimbusmedia.server.media.MediaSource;
import org.nimbusmedia.server.media.flv.FlvFileSource;
import org.nimbusmedia.server.media.flv.FlvFileWriter;
import org.nimbusmedia.server.media.flv.FlvIndex;
import org.nimbusmedia.server.media.mp4.Mp4FileSource;
import org.nimbusmedia.server.media.mp4.Mp4Movie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's media files: where an instance's recordings go ({@code
 * <recordings>/<app>/<instance>}, FMS's {@code streams/<instance>}), the virtual directories tried
 * before that, the shared index cache, and the few threads that read and write files so that the
 * event loops never do.
 */
public final class MediaLibrary implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);

  private static final int IO_THREADS = 4;
  private static final int CACHED_INDEXES = 32;

  private final MediaConfig config;
  private final Path recordings;
  private final ScheduledThreadPoolExecutor io;
  private final IndexCache indexes = new IndexCache(CACHED_INDEXES);
  private final Set<Path> recording = ConcurrentHashMap.newKeySet();

  /** What {@link #clear} deletes: the containers Nimbus records and plays. */
  private static final List<String> MEDIA_EXTENSIONS =
      List.of(".flv", ".f4v", ".mp4", ".m4v", ".mov");

  private final DefaultEventLoop clock =
      new DefaultEventLoop(new DefaultThreadFactory("nimbus-media-clock", true));

  public MediaLibrary(MediaConfig config, Path recordings) {
    this.config = config;
    this.recordings = recordings.toAbsolutePath().normalize();
    this.io =
        new ScheduledThreadPoolExecutor(IO_THREADS, new DefaultThreadFactory("nimbus-media", true));
    this.io.setRemoveOnCancelPolicy(true);
  }

  public MediaConfig config() {
    return config;
  }

  /** Runs file reads and writes, and record flush timers. */
  public ScheduledExecutorService io() {
    return io;
  }

  /** The thread that paces files that server-side streams play (no connection has a loop). */
  public EventExecutor clock() {
    return clock;
  }

  /** The folder an instance records into and plays from when no virtual directory matches. */
  public Path instanceFolder(AppAddress instance) {
    return recordings.resolve(instance.application()).resolve(instance.instance()).normalize();
  }

  /**
   * The file {@code requested} names for playing: the first that exists among the virtual
   * directories that match, then the instance's folder. Empty when the name is refused or no file
   * exists.
   */
  public Optional<MediaFile> findForPlay(AppAddress instance, String requested) {
    Optional<StreamFileName> name = StreamFileName.parse(requested);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    for (Root root : roots(instance, name.get().candidates().get(0))) {
      for (String candidate : name.get().candidates()) {
        Optional<Path> file = inside(root.folder, root.relative(candidate));
        if (file.isPresent() && Files.isRegularFile(file.get())) {
          return Optional.of(new MediaFile(file.get(), name.get().format()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The FLV file a recording of {@code requested} writes, its folders created; empty if refused.
   */
  public Optional<Path> pathForRecording(AppAddress instance, String requested) throws IOException {
    Optional<String> relativeName = StreamFileName.forRecording(requested);
    if (relativeName.isEmpty()) {
      return Optional.empty();
    }
    Root root = roots(instance, relativeName.get()).get(0);
    Optional<Path> file = inside(root.folder, root.relative(relativeName.get()));
    if (file.isPresent()) {
      Files.createDirectories(file.get().getParent());
      // A link planted inside the folder must not lead the write outside it.
      if (!isInsideReally(root.folder, file.get().getParent())
          || Files.isSymbolicLink(file.get())) {
        return Optional.empty();
      }
    }
    return file;
  }

  /** Marks {@code file} as being recorded; false when another recording has it. */
  boolean claimRecording(Path file) {
    return recording.add(file);
  }

  void releaseRecording(Path file) {
    recording.remove(file);
  }

  /** Opens {@code file} for playing; blocking, so never on an event loop. */
  public MediaSource open(MediaFile file, ByteBufAllocator allocator) throws IOException {
    if (file.format() == StreamFileName.Format.FLV) {
      finishInterruptedRecording(file.path());
    }
    FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
    try {
      Object index = indexes.index(file, channel);
      if (index instanceof Mp4Movie movie) {
        return new Mp4FileSource(channel, movie, allocator);
      }
      return new FlvFileSource(channel, (FlvIndex) index, allocator);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A recording the server was killed in the middle of is finished before it is played (see {@link
   * FlvFileWriter#repairUnfinished}); one being recorded now is left alone. Should the repair fail,
   * the file still plays up to its last whole tag.
   */
  private void finishInterruptedRecording(Path file) {
    if (!Files.exists(FlvFileWriter.unfinishedMarker(file)) || !claimRecording(file)) {
      return;
    }
    try {
      if (FlvFileWriter.repairUnfinished(file)) {
        log.info("Finished recording {}, which a stop of the server had interrupted", file);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Could not finish the interrupted recording {}: {}", file, e.toString());
    } finally {
      releaseRecording(file);
    }
  }

  /** {@code Stream.length(name)} / {@code getStreamLength}: seconds of the file, 0 if none. */
  public double lengthSeconds(AppAddress instance, String requested) {
    Optional<MediaFile> file = findForPlay(instance, requested);
    if (file.isEmpty()) {
      return 0;
    }
    try (MediaSource source = open(file.get(), ByteBufAllocator.DEFAULT)) {
      return source.durationMillis() / 1000.0;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * SSAS {@code application.clearStreams(streamPath)}: deletes the instance's recorded and uploaded
   * media files that {@code path} names ({@link InstancePathPattern}; a file's name is its path
   * under the instance's folder without the extension). Virtual directories are shared by every
   * instance and left alone; a file being recorded now is kept. Blocking file work, as FMS's call
   * is synchronous.
   *
   * @return true when the path named at least one file and every one was deleted
   */
  public boolean clear(AppAddress instance, String path) {
    Predicate<String> named = InstancePathPattern.matcher(path);
    Path folder = instanceFolder(instance);
    if (named == null || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    List<Path> matching = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      files
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .filter(file -> streamName(folder, file).map(named::test).orElse(false))
          .forEach(matching::add);
    } catch (IOException | UncheckedIOException e) {
      log.warn("clearStreams({}) could not list {}: {}", path, folder, e.toString());
      return false;
    }
    boolean deleted = true;
    for (Path file : matching) {
      if (recording.contains(file)) {
        deleted = false;
        continue;
      }
      try {
        Files.deleteIfExists(file);
        Files.deleteIfExists(FlvFileWriter.unfinishedMarker(file));
      } catch (IOException e) {
        log.warn("clearStreams({}) could not delete {}: {}", path, file, e.toString());
        deleted = false;
      }
    }
    return !matching.isEmpty() && deleted;
  }

  /** The stream name of a media file under {@code folder}: its relative path, no extension. */
  private static Optional<String> streamName(Path folder, Path file) {
    String relative = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    int dot = relative.lastIndexOf('.');
    if (dot <= relative.lastIndexOf('/') + 1
        || !MEDIA_EXTENSIONS.contains(relative.substring(dot).toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(relative.substring(0, dot));
  }

  /** A folder names are looked up in, and the name prefix it stands for ("" for all names). */
  private record Root(Path folder, String prefix) {
    String relative(String name) {
      return prefix.isEmpty() ? name : name.substring(prefix.length() + 1);
    }
  }

  /** The folders to look in for {@code relativeName}, in order: matching virtual ones first. */
  private List<Root> roots(AppAddress instance, String relativeName) {
    List<Root> roots = new ArrayList<>();
    for (MediaConfig.VirtualDirectory directory : config.virtualDirectories()) {
      String prefix = trimSlashes(directory.prefix());
      if (prefix.isEmpty() || relativeName.startsWith(prefix + "/")) {
        roots.add(new Root(directory.folder().toAbsolutePath().normalize(), prefix));
      }
    }
    roots.add(new Root(instanceFolder(instance), ""));
    return roots;
  }

  /** {@code folder/relative} when it stays inside {@code folder} (lexically and on disk). */
  private static Optional<Path> inside(Path folder, String relative) {
    if (!StreamFileName.isSafeRelativePath(relative)) {
      return Optional.empty();
    }
    Path file = folder.resolve(relative).normalize();
    if (!file.startsWith(folder) || file.equals(folder)) {
      return Optional.empty();
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !isInsideReally(folder, file)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /** Whether {@code path}, symbolic links followed, is still inside {@code folder}. */
  private static boolean isInsideReally(Path folder, Path path) {
    try {
      return path.toRealPath().startsWith(folder.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private static String trimSlashes(String prefix) {
    String result = prefix;
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  /** Lets queued file work end (recordings get their final metadata), then stops the threads. */
  @Override
  public void close() {
    clock.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    io.shutdown();
    try {
      if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
        io.shutdownNow();
      }
    } catch (InterruptedException e) {
      io.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
