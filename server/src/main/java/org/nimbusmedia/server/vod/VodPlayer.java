package org.nimbusmedia.server.vod;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.server.concurrent.SerialExecutor;
import org.nimbusmedia.server.media.MediaSource;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a playlist of files to one {@link VodSink}, paced to real time: a frame goes out when its
 * timestamp is within the lead (the configured read-ahead, or the client's buffer up to a cap) of
 * the play clock, so a player holds about its buffer of media and never the whole file. Files are
 * read in batches on the media executor (one task at a time per player); the frames come back to
 * the sink's event loop, which does all the sending. Seek, pause and playlists (FMS {@code play}
 * with {@code reset=false}) are handled here; timestamps run on across playlist items.
 *
 * <p>All state but {@link #source} is touched on the event loop only; {@link #source} is touched by
 * the serial file tasks only.
 */
public final class VodPlayer {
  private static final Logger log = LoggerFactory.getLogger(VodPlayer.class);

  /** Media read beyond the send horizon, so a batch arrives before it is needed. */
  private static final long READ_MARGIN_MILLIS = 1_000;

  /** Bounds of one read batch. */
  private static final int BATCH_FRAMES = 512;

  private static final int BATCH_BYTES = 4 * 1024 * 1024;
  private static final long MIN_TICK_MILLIS = 5;
  private static final long MAX_TICK_MILLIS = 100;

  /** How far ahead of real time a file republished as a live stream is sent. */
  private static final long REPUBLISH_LEAD_MILLIS = 200;

  private enum State {
    /** A file is being opened or a seek is being done; nothing goes out. */
    POSITIONING,
    PLAYING,
    PAUSED,
    /** The playlist ended (or failed); a seek can start it again. */
    ENDED,
    /** Stopped for good; terminal. */
    STOPPED;

    boolean canMoveTo(State next) {
      return this != STOPPED;
    }
  }

  private final VodSink sink;
  private final MediaLibrary library;
  private final SerialExecutor files;
  private final ArrayDeque<PlayItem> upcoming = new ArrayDeque<>();
  private final ArrayDeque<StreamFrame> buffered = new ArrayDeque<>();
  private MediaSource source;
  private State state = State.POSITIONING;
  private PlayItem current;
  private boolean firstItem = true;
  private long generation;
  private boolean readInFlight;
  private boolean exhausted;
  private String failure;

  /** Outgoing timestamp minus file timestamp for the current item. */
  private long offset;

  /** The outgoing timestamp the current item (or seek) started at, for {@code len}. */
  private long itemStartTimestamp;

  private boolean sentMediaInItem;
  private long clockMedia;
  private long clockNanos;
  private long lastSent = -1;
  private ScheduledFuture<?> tick;

  /** Playlist items are on their way: the end of the list waits for them. */
  private boolean holdEnd;

  private boolean endDeferred;

  public VodPlayer(VodSink sink, MediaLibrary library) {
    this.sink = sink;
    this.library = library;
    this.files = new SerialExecutor(library.io());
  }

  // ---- commands (event loop)

  /** Starts playing {@code item}. */
  public void start(PlayItem item) {
    openItem(item);
  }

  /** Adds {@code item} to the playlist ({@code reset=false}); plays it now if the list ended. */
  public void enqueue(PlayItem item) {
    if (state == State.ENDED) {
      endDeferred = false;
      openItem(item);
    } else if (state != State.STOPPED) {
      upcoming.add(item);
    }
  }

  /**
   * While {@code hold} is true an ended playlist does not report its end: more items were asked for
   * and are being looked up. Releasing the hold reports an end that was held back.
   */
  public void holdEnd(boolean hold) {
    holdEnd = hold;
    if (!hold && endDeferred) {
      endDeferred = false;
      sink.completed(current, Math.max(0, lastSent - itemStartTimestamp));
    }
  }

  /** Seeks in the current item to the keyframe at or before {@code timestamp} (stream time). */
  public boolean seek(long timestamp) {
    if (state == State.STOPPED || current == null) {
      return false;
    }
    boolean resumePaused = state == State.PAUSED;
    long fileTime = Math.max(0, timestamp - offset);
    long ticket = reposition();
    PlayItem item = current;
    files.execute(
        () -> {
          Batch batch;
          try {
            long keyTime = ensureOpen(item).seek(fileTime);
            batch = readBatch(keyTime + sink.clientBufferMillis() + READ_MARGIN_MILLIS, keyTime);
          } catch (IOException | RuntimeException e) {
            batch = Batch.failed(e);
          }
          Batch result = batch;
          sink.executor().execute(() -> seeked(ticket, result, resumePaused));
        });
    return true;
  }

  /** {@code pause(true)}: nothing more goes out until {@code pause(false)}. */
  public void pause() {
    if (state == State.PLAYING || state == State.POSITIONING) {
      moveTo(State.PAUSED);
      cancelTick();
    }
  }

  /**
   * {@code pause(false, time)}: the play clock restarts at {@code clientTime} (the player's
   * position; negative when unknown, then at what the player has been sent, less its lead).
   */
  public void resume(long clientTime) {
    if (state != State.PAUSED) {
      return;
    }
    moveTo(State.PLAYING);
    clockMedia = clientTime >= 0 ? clientTime : Math.max(0, lastSent - lead());
    clockNanos = System.nanoTime();
    pump();
  }

  /** The connection can take more. */
  public void writable() {
    if (state == State.PLAYING) {
      pump();
    }
  }

  /** Stops for good and releases everything. */
  public void stop() {
    if (state == State.STOPPED) {
      return;
    }
    moveTo(State.STOPPED);
    generation++;
    cancelTick();
    releaseBuffered();
    upcoming.clear();
    files.execute(this::closeSource);
  }

  /** The playlist played to its end or failed; only a seek or a new play restarts it. */
  public boolean hasEnded() {
    return state == State.ENDED;
  }

  public boolean isPaused() {
    return state == State.PAUSED;
  }

  // ---- internals (event loop)

  private void moveTo(State next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("VOD player is " + state + ", not " + next);
    }
    state = next;
  }

  /** Drops what was read for the old position; returns the ticket of the new one. */
  private long reposition() {
    moveTo(State.POSITIONING);
    cancelTick();
    releaseBuffered();
    exhausted = false;
    failure = null;
    endDeferred = false;
    return ++generation;
  }

  private void openItem(PlayItem item) {
    long ticket = reposition();
    current = item;
    files.execute(
        () -> {
          Batch batch;
          try {
            closeSource();
            long keyTime = ensureOpen(item).seek(item.start());
            batch = readBatch(keyTime + sink.clientBufferMillis() + READ_MARGIN_MILLIS, keyTime);
          } catch (IOException | RuntimeException e) {
            batch = Batch.failed(e);
          }
          Batch result = batch;
          sink.executor().execute(() -> opened(ticket, item, result));
        });
  }

  private void opened(long ticket, PlayItem item, Batch batch) {
    if (ticket != generation || state == State.STOPPED) {
      batch.release();
      return;
    }
    if (batch.keyTime < 0) {
      fail(item, batch.failure);
      return;
    }
    offset = firstItem ? 0 : Math.max(0, lastSent + 1) - batch.keyTime;
    sink.itemStarted(item, firstItem);
    firstItem = false;
    startClock(batch);
    if (state == State.PAUSED) {
      return; // paused while the file opened
    }
    moveTo(State.PLAYING);
    pump();
  }

  private void seeked(long ticket, Batch batch, boolean resumePaused) {
    if (ticket != generation || state == State.STOPPED) {
      batch.release();
      return;
    }
    if (batch.keyTime < 0) {
      fail(current, batch.failure);
      return;
    }
    sink.seeked(current, batch.keyTime + offset);
    startClock(batch);
    if (resumePaused || state == State.PAUSED) {
      moveTo(State.PAUSED);
      return;
    }
    moveTo(State.PLAYING);
    pump();
  }

  private void startClock(Batch batch) {
    itemStartTimestamp = batch.keyTime + offset;
    sentMediaInItem = false;
    clockMedia = itemStartTimestamp;
    clockNanos = System.nanoTime();
    accept(batch);
  }

  private void accept(Batch batch) {
    buffered.addAll(batch.frames);
    exhausted = batch.end;
    if (batch.failure != null) {
      failure = batch.failure;
    }
  }

  private long lead() {
    if (sink.republishes()) {
      return REPUBLISH_LEAD_MILLIS;
    }
    long client =
        Math.min(sink.clientBufferMillis(), library.config().maxClientBuffer().toMillis());
    return Math.max(library.config().readAhead().toMillis(), client);
  }

  private long outgoing(StreamFrame frame) {
    return Math.max(0, frame.timestamp() + offset);
  }

  /** Sends what is due, asks for more file data, and arranges to run again. */
  private void pump() {
    if (state != State.PLAYING) {
      return;
    }
    cancelTick();
    long mediaNow = clockMedia + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - clockNanos);
    long horizon = mediaNow + lead();
    boolean wrote = false;
    while (!buffered.isEmpty() && sink.isWritable()) {
      StreamFrame frame = buffered.peek();
      long timestamp = outgoing(frame);
      if (frame.kind() != FrameKind.DATA && timestamp > horizon) {
        break;
      }
      buffered.poll();
      if (lengthReached(frame, timestamp)) {
        frame.release();
        releaseBuffered();
        exhausted = true;
        failure = null;
        break;
      }
      if (frame.kind() != FrameKind.DATA && !frame.isSequenceHeader()) {
        sentMediaInItem = true;
      }
      lastSent = Math.max(lastSent, timestamp);
      sink.send(frame, timestamp);
      wrote = true;
    }
    if (wrote) {
      sink.flush();
    }
    if (buffered.isEmpty() && exhausted && !readInFlight) {
      itemEnded();
      return;
    }
    long bufferedUntil = buffered.isEmpty() ? lastSent : outgoing(buffered.peekLast());
    if (!readInFlight && !exhausted && bufferedUntil < horizon + READ_MARGIN_MILLIS) {
      requestRead(horizon + 2 * READ_MARGIN_MILLIS - offset);
    }
    if (!sink.isWritable() || buffered.isEmpty()) {
      return; // writable() or the read's arrival runs pump again
    }
    long due = outgoing(buffered.peek()) - horizon;
    long delay = Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, due));
    tick = sink.executor().schedule(this::pump, delay, TimeUnit.MILLISECONDS);
  }

  /** {@code len}: 0 plays one frame; more plays that many milliseconds of the item. */
  private boolean lengthReached(StreamFrame frame, long timestamp) {
    long length = current.length();
    if (length < 0 || frame.kind() == FrameKind.DATA || frame.isSequenceHeader()) {
      return false;
    }
    if (length == 0) {
      return sentMediaInItem;
    }
    return timestamp - itemStartTimestamp >= length;
  }

  private void requestRead(long untilFileTime) {
    readInFlight = true;
    long ticket = generation;
    files.execute(
        () -> {
          Batch batch;
          try {
            batch = readBatch(untilFileTime, 0);
          } catch (IOException | RuntimeException e) {
            batch = Batch.failed(e);
          }
          Batch result = batch;
          sink.executor().execute(() -> readArrived(ticket, result));
        });
  }

  private void readArrived(long ticket, Batch batch) {
    readInFlight = false;
    if (ticket != generation || state == State.STOPPED) {
      batch.release();
      return;
    }
    accept(batch);
    if (state == State.PLAYING) {
      pump();
    }
  }

  private void itemEnded() {
    if (failure != null) {
      fail(current, failure);
      return;
    }
    PlayItem next = upcoming.poll();
    if (next != null) {
      openItem(next);
      return;
    }
    moveTo(State.ENDED);
    if (holdEnd) {
      endDeferred = true;
      return;
    }
    sink.completed(current, Math.max(0, lastSent - itemStartTimestamp));
  }

  private void fail(PlayItem item, String reason) {
    log.warn(
        "Playing {} ({}) stopped at {} ms: {}", item.name(), item.file().path(), lastSent, reason);
    upcoming.clear();
    moveTo(State.ENDED);
    sink.failed(item, reason);
  }

  private void releaseBuffered() {
    StreamFrame frame;
    while ((frame = buffered.poll()) != null) {
      frame.release();
    }
  }

  private void cancelTick() {
    if (tick != null) {
      tick.cancel(false);
      tick = null;
    }
  }

  // ---- file side (serial file tasks)

  private MediaSource ensureOpen(PlayItem item) throws IOException {
    if (source == null) {
      source = library.open(item.file(), sink.allocator());
    }
    return source;
  }

  private void closeSource() {
    if (source != null) {
      source.close();
      source = null;
    }
  }

  /** Reads frames until one is stamped {@code untilFileTime} or later, or a batch bound. */
  private Batch readBatch(long untilFileTime, long keyTime) throws IOException {
    Batch batch = new Batch();
    batch.keyTime = keyTime;
    int bytes = 0;
    try {
      while (batch.frames.size() < BATCH_FRAMES && bytes < BATCH_BYTES) {
        StreamFrame frame = source.next();
        if (frame == null) {
          batch.end = true;
          batch.failure = source.damage().map(d -> "the file is damaged: " + d).orElse(null);
          break;
        }
        batch.frames.add(frame);
        bytes += frame.content().readableBytes();
        if (frame.kind() != FrameKind.DATA && frame.timestamp() >= untilFileTime) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Frames before the damage still play; then the play stops with the reason.
      batch.end = true;
      batch.failure = describe(e);
    }
    return batch;
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Frames read in one file task, and how the reading ended. */
  private static final class Batch {
    final List<StreamFrame> frames = new ArrayList<>();

    /** The timestamp positioned at; negative when opening or seeking failed. */
    long keyTime = -1;

    boolean end;
    String failure;

    static Batch failed(Exception e) {
      Batch batch = new Batch();
      batch.end = true;
      batch.failure = describe(e);
      return batch;
    }

    void release() {
      frames.forEach(StreamFrame::release);
      frames.clear();
    }
  }
}
