package org.nimbusmedia.rtmfp.session;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of silently dropped input, readable from any thread. */
public final class RtmfpStats {
  final AtomicLong undecryptable = new AtomicLong();
  final AtomicLong unknownSession = new AtomicLong();
  final AtomicLong badCookie = new AtomicLong();
  final AtomicLong refusedByCap = new AtomicLong();
  final AtomicLong malformedSessionsClosed = new AtomicLong();
  final AtomicLong badStartup = new AtomicLong();
  final AtomicLong amplificationRefused = new AtomicLong();
  final AtomicLong introductions = new AtomicLong();
  final AtomicLong unknownPeerLookups = new AtomicLong();
  final AtomicLong bytesIn = new AtomicLong();
  final AtomicLong bytesOut = new AtomicLong();

  /** Peer lookups answered with a Redirect and a forwarded IHello (RFC 7016 section 3.5.1.6). */
  public long introductions() {
    return introductions.get();
  }

  /** Peer lookups for a peer ID with no open session here, left unanswered. */
  public long unknownPeerLookups() {
    return unknownPeerLookups.get();
  }

  /** UDP payload bytes received, every datagram counted. */
  public long bytesIn() {
    return bytesIn.get();
  }

  /** UDP payload bytes sent. */
  public long bytesOut() {
    return bytesOut.get();
  }

  final AtomicLong glareIgnored = new AtomicLong();

  /** IIKeyings ignored because this end won glare (RFC 7016 section 3.5.1.3). */
  public long glareIgnored() {
    return glareIgnored.get();
  }

  /**
   * IHellos left unanswered because the RHello would exceed the amplification ratio or the surplus
   * budget for unverified addresses ({@link RtmfpConfig#helloExcessRate()}).
   */
  public long amplificationRefused() {
    return amplificationRefused.get();
  }

  /** Datagrams whose checksum failed after decryption, or with a bad length. */
  public long undecryptable() {
    return undecryptable.get();
  }

  /** Datagrams for a session id that does not exist. */
  public long unknownSession() {
    return unknownSession.get();
  }

  /** IIKeying chunks with an invalid or expired cookie. */
  public long badCookie() {
    return badCookie.get();
  }

  /** Sessions refused because a cap was reached. */
  public long refusedByCap() {
    return refusedByCap.get();
  }

  /** Sessions closed because a chunk was malformed. */
  public long malformedSessionsClosed() {
    return malformedSessionsClosed.get();
  }

  /** Startup packets that were malformed or could not be answered. */
  public long badStartup() {
    return badStartup.get();
  }
}
