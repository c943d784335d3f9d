package org.nimbusmedia.rtmfp.meeting;

import java.time.Duration;

/**
 * Decides whether one publisher's direct stream works, from when its messages arrive: it plays once
 * {@value #PLAYING_RUN} audio or video messages came one after the other without a stall, and it
 * has failed when nothing came for the plan's direct timeout. The run matters because a peer
 * session that lay idle while the meeting was client-server may deliver a message and then stall
 * while it recovers, and the relay must not stop for that. Times are {@link System#nanoTime} values
 * passed in, so that the decision is tested without waiting. Thread-safe: messages arrive on I/O
 * threads, the meeting client asks on its own.
 */
final class DirectProbe {
  /** About half a second of 25 fps video: a stream that flows, not a single late frame. */
  static final int PLAYING_RUN = 12;

  /** A pause longer than this between two messages breaks the run. */
  static final Duration STALL = Duration.ofMillis(500);

  private long since;
  private boolean arrivedSince;
  private long lastArrival;
  private int run;

  /** Starts judging anew from {@code now}: what came before does not count. */
  synchronized void restart(long now) {
    since = now;
    arrivedSince = false;
    run = 0;
  }

  /** A direct audio or video message arrived at {@code now}. */
  synchronized void arrived(long now) {
    boolean continues = arrivedSince && now - lastArrival <= STALL.toNanos();
    run = continues ? run + 1 : 1;
    arrivedSince = true;
    lastArrival = now;
  }

  /** Whether the stream flows: a run of {@link #PLAYING_RUN} since the restart. */
  synchronized boolean playing() {
    return run >= PLAYING_RUN;
  }

  /** Whether nothing came for longer than {@code timeout} before {@code now}, or since restart. */
  synchronized boolean silent(long now, Duration timeout) {
    long from = arrivedSince ? lastArrival : since;
    return now - from > timeout.toNanos();
  }
}
