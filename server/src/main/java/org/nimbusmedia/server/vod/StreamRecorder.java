package org.nimbusmedia.server.vod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.concurrent.SerialExecutor;
import org.nimbusmedia.server.media.Metadata;
import org.nimbusmedia.server.media.flv.FlvFileWriter;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.LiveStreamRegistry;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.stream.StreamSubscriber;
import org.nimbusmedia.server.stream.TimestampRebaser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a live stream of the bus into an FLV file (FMS {@code publish(name, "record")} and {@code
 * Stream.record}): it is one more subscriber of the stream, so the publisher may use any protocol.
 * Frames are handed to the media executor and written in order; the file is flushed every {@code
 * recordFlushInterval} and rewritten with its final {@code onMetaData} when recording stops. Status
 * events ({@code NetStream.Record.Start/Stop/NoAccess/Failed}) go to the listener from the media
 * executor's threads.
 */
public final class StreamRecorder implements StreamSubscriber {
  private static final Logger log = LoggerFactory.getLogger(StreamRecorder.class);

  /** Frames waiting for the disk before the recording fails instead of filling the memory. */
  private static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;

  /** Pending tag bytes that trigger a write before the flush interval is up. */
  private static final long FLUSH_BYTES = 256 * 1024;

  /** Receives the recording's status events. */
  public interface Listener {
    void onStatus(String level, String code, String description);
  }

  /**
   * Limits of one recording, 0 meaning none.
   *
   * @param maxDurationMillis media time recorded at most
   * @param maxSizeBytes file size at most
   */
  public record Limits(long maxDurationMillis, long maxSizeBytes) {}

  private final MediaLibrary library;
  private final LiveStreamRegistry registry;
  private final String streamName;
  private final RecordMode mode;
  private final Limits limits;
  private final Listener listener;
  private final SerialExecutor files;
  private final AtomicLong pendingBytes = new AtomicLong();
  // File side: touched by the serial file tasks only.
  private final TimestampRebaser rebaser = new TimestampRebaser();
  private volatile Path path;
  private FlvFileWriter writer;
  private Map<String, Object> metadata;
  private long timestampOffset;
  private long firstTimestamp = -1;
  private long lastFlushedSize;
  private boolean finished;
  private volatile boolean stopped;
  private ScheduledFuture<?> flushTimer;

  private StreamRecorder(
      MediaLibrary library,
      LiveStreamRegistry registry,
      String streamName,
      RecordMode mode,
      Limits limits,
      Listener listener) {
    this.library = library;
    this.registry = registry;
    this.streamName = streamName;
    this.mode = mode;
    this.limits = limits;
    this.listener = listener;
    this.files = new SerialExecutor(library.io());
  }

  /**
   * Starts recording the live stream {@code streamName} of {@code instance} into the file {@code
   * fileName} names. {@code Record.Start} (or {@code NoAccess}) follows on the listener.
   */
  public static StreamRecorder start(
      MediaLibrary library,
      AppAddress instance,
      LiveStreamRegistry registry,
      String streamName,
      String fileName,
      RecordMode mode,
      Limits limits,
      Listener listener) {
    StreamRecorder recorder =
        new StreamRecorder(
            library, registry, streamName, mode, effective(library, limits), listener);
    recorder.files.execute(() -> recorder.open(instance, fileName));
    return recorder;
  }

  /** The stricter of the requested limits and the configured ones. */
  private static Limits effective(MediaLibrary library, Limits requested) {
    long duration = library.config().recordMaxDuration().toMillis();
    long size = library.config().recordMaxSize();
    return new Limits(
        stricter(requested.maxDurationMillis(), duration),
        stricter(requested.maxSizeBytes(), size));
  }

  private static long stricter(long a, long b) {
    if (a <= 0) {
      return b;
    }
    return b <= 0 ? a : Math.min(a, b);
  }

  private void open(AppAddress instance, String fileName) {
    try {
      Optional<Path> file = library.pathForRecording(instance, fileName);
      if (file.isEmpty()) {
        finished = true;
        listener.onStatus(
            "error",
            "NetStream.Record.NoAccess",
            "Cannot record " + fileName + ": the name is refused.");
        return;
      }
      if (!library.claimRecording(file.get())) {
        finished = true;
        listener.onStatus(
            "error", "NetStream.Record.NoAccess", fileName + " is already being recorded.");
        return;
      }
      path = file.get();
      long lastModified = Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() : 0;
      writer =
          mode == RecordMode.RECORD
              ? FlvFileWriter.create(path, null)
              : FlvFileWriter.append(path, null);
      long last = writer.lastTimestamp();
      if (mode == RecordMode.APPEND && last > 0) {
        timestampOffset = last + 1;
      } else if (mode == RecordMode.APPEND_WITH_GAP && last > 0) {
        timestampOffset = last + Math.max(1, System.currentTimeMillis() - lastModified);
      }
    } catch (IOException | RuntimeException e) {
      finished = true;
      if (path != null) {
        library.releaseRecording(path);
      }
      log.warn("Recording {} into {} could not start: {}", streamName, fileName, e.toString());
      listener.onStatus(
          "error",
          "NetStream.Record.NoAccess",
          "Cannot record " + fileName + ": " + e.getMessage());
      return;
    }
    if (stopped) {
      finish("Stopped recording " + streamName + ".");
      return;
    }
    long interval = library.config().recordFlushInterval().toMillis();
    flushTimer =
        library
            .io()
            .scheduleWithFixedDelay(
                () -> files.execute(this::flush), interval, interval, TimeUnit.MILLISECONDS);
    log.info("Recording {} into {} ({})", streamName, path, mode);
    // Subscribed before Record.Start goes out: what the publisher sends after it is recorded.
    registry.subscribe(streamName, this);
    listener.onStatus("status", "NetStream.Record.Start", "Recording " + streamName + ".");
  }

  /** The file being written, once {@code Record.Start} has gone out; null before. */
  public Path file() {
    return path;
  }

  /** Stops recording: the file gets its final metadata, then {@code Record.Stop}. */
  public void stop() {
    if (stopped) {
      return;
    }
    // Unsubscribing hands over what the publisher sent before the stop (the live queue's batch),
    // which is still written: only then does the recorder refuse frames.
    registry.unsubscribe(streamName, this);
    stopped = true;
    files.execute(() -> finish("Stopped recording " + streamName + "."));
  }

  // ---- as a subscriber (publisher's thread)

  @Override
  public void onFrame(StreamFrame frame) {
    if (stopped) {
      frame.release();
      return;
    }
    long size = frame.content().readableBytes();
    if (pendingBytes.addAndGet(size) > MAX_PENDING_BYTES) {
      pendingBytes.addAndGet(-size);
      frame.release();
      failLater("the disk does not keep up with the stream");
      return;
    }
    files.execute(
        () -> {
          try {
            write(frame);
          } finally {
            pendingBytes.addAndGet(-size);
            frame.release();
          }
        });
  }

  @Override
  public void onPublishNotify(String name) {
    files.execute(rebaser::restart);
  }

  @Override
  public void onUnpublishNotify(String name) {}

  // ---- file side

  private void write(StreamFrame frame) {
    if (finished || writer == null) {
      return;
    }
    if (Metadata.isOnMetaData(frame)) {
      // Kept for the final onMetaData; a second metadata tag would contradict it.
      metadata = decodeMetadata(frame).orElse(metadata);
      return;
    }
    long timestamp = timestampOffset + rebaser.rebase(frame);
    if (firstTimestamp < 0 && frame.kind() != FrameKind.DATA && !frame.isSequenceHeader()) {
      firstTimestamp = timestamp;
    }
    try {
      writer.write(frame, timestamp);
      if (writer.size() - lastFlushedSize >= FLUSH_BYTES) {
        flush();
      }
    } catch (RuntimeException e) {
      fail(e.toString());
      return;
    }
    if (limits.maxDurationMillis() > 0
        && firstTimestamp >= 0
        && timestamp - firstTimestamp >= limits.maxDurationMillis()) {
      limitReached("the recording reached its maximum duration");
    } else if (limits.maxSizeBytes() > 0 && writer.size() >= limits.maxSizeBytes()) {
      limitReached("the recording reached its maximum size");
    }
  }

  private void flush() {
    if (finished || writer == null) {
      return;
    }
    try {
      writer.flush();
      lastFlushedSize = writer.size();
    } catch (IOException e) {
      fail(e.toString());
    }
  }

  private void limitReached(String why) {
    stopped = true;
    registry.unsubscribe(streamName, this);
    finish("Stopped recording " + streamName + ": " + why + ".");
  }

  private void finish(String description) {
    if (finished) {
      return;
    }
    finished = true;
    cancelFlushTimer();
    try {
      if (writer != null) {
        writer.finish(metadata);
      }
      log.info("Recorded {} into {}", streamName, path);
      listener.onStatus("status", "NetStream.Record.Stop", description);
    } catch (IOException | RuntimeException e) {
      // The file stays as flushed: valid up to its last whole tag.
      log.warn(
          "Recording {} into {}: the final metadata could not be written: {}",
          streamName,
          path,
          e.toString());
      listener.onStatus(
          "error",
          "NetStream.Record.Failed",
          "Recording " + streamName + " failed: " + e.getMessage());
    } finally {
      library.releaseRecording(path);
    }
  }

  private void failLater(String why) {
    if (!stopped) {
      stopped = true;
      registry.unsubscribe(streamName, this);
      files.execute(() -> fail(why));
    }
  }

  private void fail(String why) {
    if (finished) {
      return;
    }
    finished = true;
    stopped = true;
    registry.unsubscribe(streamName, this);
    cancelFlushTimer();
    log.warn("Recording {} into {} failed: {}", streamName, path, why);
    if (writer != null) {
      writer.close();
    }
    if (path != null) {
      library.releaseRecording(path);
    }
    listener.onStatus(
        "error", "NetStream.Record.Failed", "Recording " + streamName + " failed: " + why);
  }

  private void cancelFlushTimer() {
    if (flushTimer != null) {
      flushTimer.cancel(false);
    }
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> decodeMetadata(StreamFrame frame) {
    try {
      List<Object> values = new Amf0Decoder().decodeAll(frame.content().duplicate());
      if (values.size() > 1 && values.get(1) instanceof Map<?, ?> map) {
        return Optional.of((Map<String, Object>) map);
      }
    } catch (RuntimeException e) {
      log.debug("unreadable onMetaData left out of the recording: {}", e.toString());
    }
    return Optional.empty();
  }
}
