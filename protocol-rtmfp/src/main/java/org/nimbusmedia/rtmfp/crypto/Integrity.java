package org.nimbusmedia.rtmfp.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The negotiated packet integrity modes of one direction of a session (RFC 7425 section 4.6.4): an
 * HMAC-SHA256 over the ciphertext, truncated to 4..32 bytes and appended after it, which replaces
 * the checksum; and a session sequence number, a VLU in front of the plaintext, with replay
 * detection on the receiving side. {@link #CHECKSUM} is the default mode with neither. Instances
 * belong to one session and one thread.
 */
public final class Integrity {
  /** Checksum mode: no HMAC, no sequence numbers. */
  public static final Integrity CHECKSUM = new Integrity(null, 0, false);

  /** Smallest negotiable HMAC length. */
  public static final int MIN_HMAC_LENGTH = 4;

  /** Largest negotiable HMAC length. */
  public static final int MAX_HMAC_LENGTH = 32;

  /** Sequence numbers further than this below the highest seen are rejected as replays. */
  static final int REPLAY_WINDOW = 1024;

  private final byte[] hmacKey;
  private final int hmacLength;
  private final boolean sequence;
  private long nextSequence;
  private long highestSeen = -1;
  private final long[] seen = new long[REPLAY_WINDOW / 64];
  private Mac mac;

  /**
   * @param hmacKey the HMAC key, or null for checksum mode
   * @param hmacLength truncated HMAC length (ignored without a key)
   * @param sequence whether session sequence numbers are used
   */
  public Integrity(byte[] hmacKey, int hmacLength, boolean sequence) {
    if (hmacKey != null && (hmacLength < MIN_HMAC_LENGTH || hmacLength > MAX_HMAC_LENGTH)) {
      throw new IllegalArgumentException("HMAC length must be 4..32: " + hmacLength);
    }
    this.hmacKey = hmacKey == null ? null : hmacKey.clone();
    this.hmacLength = hmacKey == null ? 0 : hmacLength;
    this.sequence = sequence;
  }

  /** Whether packets carry an HMAC instead of a checksum. */
  public boolean hmac() {
    return hmacKey != null;
  }

  /** The HMAC length in bytes, 0 in checksum mode. */
  public int hmacLength() {
    return hmacLength;
  }

  /** Whether packets carry session sequence numbers. */
  public boolean sequence() {
    return sequence;
  }

  long takeSequence() {
    return nextSequence++;
  }

  /**
   * The truncated HMAC-SHA256 of {@code data[offset, offset+length)}. The {@link Mac} is made once
   * per direction and reused ({@code doFinal} resets it): looking one up and keying it for every
   * packet cost more than the hashing itself (bench: RtmfpPacketBenchmark).
   */
  synchronized byte[] mac(byte[] data, int offset, int length) {
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
      }
      mac.update(data, offset, length);
      return Arrays.copyOf(mac.doFinal(), hmacLength);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether the sequence number is new; does not record it. */
  boolean fresh(long seq) {
    if (seq > highestSeen) {
      return true;
    }
    if (highestSeen - seq >= REPLAY_WINDOW) {
      return false;
    }
    int bit = (int) (seq % REPLAY_WINDOW);
    return (seen[bit >>> 6] & (1L << (bit & 63))) == 0;
  }

  /** Records an accepted sequence number. */
  void record(long seq) {
    if (seq > highestSeen) {
      for (long s = Math.max(highestSeen + 1, seq - REPLAY_WINDOW + 1); s < seq; s++) {
        int bit = (int) (s % REPLAY_WINDOW);
        seen[bit >>> 6] &= ~(1L << (bit & 63));
      }
      highestSeen = seq;
    }
    int bit = (int) (seq % REPLAY_WINDOW);
    seen[bit >>> 6] |= 1L << (bit & 63);
  }
}
