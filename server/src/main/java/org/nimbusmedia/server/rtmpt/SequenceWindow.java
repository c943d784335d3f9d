package org.nimbusmedia.server.rtmpt;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts a session's requests back in sequence order. Players keep several requests in flight on
 * several connections ({@code MaxPipelinedRequests} 5, {@code reference/fms4.md} section 3), so
 * {@code send/…/7} may arrive before {@code send/…/6}; RTMP bytes must enter the pipe in order.
 *
 * <p>Which number follows {@code /open/1} is not settled (librtmp and ffmpeg restart at 0, Flash
 * Player's numbering is unconfirmed), so the first request of a session sets the base. Used on the
 * session's event loop only.
 *
 * @param <T> the request waiting for its turn
 */
final class SequenceWindow<T> {
  /** How a request fits the sequence. */
  enum Verdict {
    /** Its turn: it and every parked request that now follows were handed over. */
    READY,
    /** Ahead of a missing request: kept until the gap closes. */
    PARKED,
    /** Already seen (a repeat, or older than the base): not handed over. */
    STALE,
    /** Further ahead than {@link #maxAhead} allows: not kept. */
    TOO_FAR
  }

  private final int maxAhead;
  private final TreeMap<Integer, T> parked = new TreeMap<>();
  private long next = -1;

  /** A window that parks requests at most {@code maxAhead} numbers ahead of the next expected. */
  SequenceWindow(int maxAhead) {
    this.maxAhead = maxAhead;
  }

  /** Offers request {@code sequence}; requests whose turn has come go to {@code ready} in order. */
  Verdict offer(int sequence, T request, Consumer<? super T> ready) {
    if (next < 0) {
      next = sequence;
    }
    if (sequence < next || parked.containsKey(sequence)) {
      return Verdict.STALE;
    }
    if (sequence - next > maxAhead) {
      return Verdict.TOO_FAR;
    }
    if (sequence > next) {
      parked.put(sequence, request);
      return Verdict.PARKED;
    }
    next++;
    ready.accept(request);
    T following;
    while ((following = parked.remove((int) next)) != null) {
      next++;
      ready.accept(following);
    }
    return Verdict.READY;
  }

  /** Whether requests wait for a missing one. */
  boolean hasGap() {
    return !parked.isEmpty();
  }

  /** Removes and returns every parked request, lowest number first. */
  List<T> drain() {
    List<T> all = new ArrayList<>(parked.values());
    parked.clear();
    return all;
  }
}
