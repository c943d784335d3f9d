package org.nimbusmedia.rtmfp.handshake;

/**
 * What this end offers in the HMAC ({@code 0x1a}) and session sequence number ({@code 0x1e})
 * negotiation options of its key component (RFC 7425 section 4.6.2), and the outcome of combining
 * them with the far end's.
 *
 * @param hmacFlags {@link KeyComponent#SEND_ALWAYS}, {@link KeyComponent#SEND_ON_REQUEST} and
 *     {@link KeyComponent#REQUEST} bits
 * @param hmacLength the HMAC length this end sends, 4..32
 * @param sequenceFlags the same bits for session sequence numbers
 */
public record IntegrityPolicy(int hmacFlags, int hmacLength, int sequenceFlags) {
  /** Send either on request, request neither: Flash Player's and librtmfp's default. */
  public static final IntegrityPolicy ON_REQUEST =
      new IntegrityPolicy(KeyComponent.SEND_ON_REQUEST, 16, KeyComponent.SEND_ON_REQUEST);

  /** Validates the fields. */
  public IntegrityPolicy {
    if ((hmacFlags & ~7) != 0 || (sequenceFlags & ~7) != 0 || hmacLength < 4 || hmacLength > 32) {
      throw new IllegalArgumentException("bad integrity policy");
    }
  }

  /**
   * The negotiated modes of a session.
   *
   * @param sendHmac whether this end appends HMACs
   * @param sendHmacLength their length
   * @param receiveHmac whether this end requires HMACs on received packets
   * @param receiveHmacLength their length, announced by the far end
   * @param sendSequence whether this end sends session sequence numbers
   * @param receiveSequence whether this end requires them
   */
  public record Outcome(
      boolean sendHmac,
      int sendHmacLength,
      boolean receiveHmac,
      int receiveHmacLength,
      boolean sendSequence,
      boolean receiveSequence) {}

  /**
   * Combines this policy with the far end's component.
   *
   * @return the outcome, or null when the two cannot agree (one end requires what the other will
   *     not do)
   */
  public Outcome negotiate(KeyComponent far) {
    int farHmac = far.hmacFlags();
    int farSeq = far.sequenceFlags();
    boolean sendHmac = sends(hmacFlags, farHmac);
    boolean receiveHmac = sends(farHmac, hmacFlags);
    boolean sendSeq = sends(sequenceFlags, farSeq);
    boolean receiveSeq = sends(farSeq, sequenceFlags);
    if (!agree(hmacFlags, farHmac) || !agree(sequenceFlags, farSeq)) {
      return null;
    }
    if (receiveHmac && (far.hmacLength() < 4 || far.hmacLength() > 32)) {
      return null;
    }
    return new Outcome(
        sendHmac, hmacLength, receiveHmac, receiveHmac ? far.hmacLength() : 0, sendSeq, receiveSeq);
  }

  /** The flags a responder puts in its component once the outcome is known. */
  public int responderHmacFlags(Outcome outcome) {
    return (outcome.sendHmac() ? KeyComponent.SEND_ALWAYS : 0) | (hmacFlags & KeyComponent.REQUEST);
  }

  /** The sequence flags a responder puts in its component. */
  public int responderSequenceFlags(Outcome outcome) {
    return (outcome.sendSequence() ? KeyComponent.SEND_ALWAYS : 0)
        | (sequenceFlags & KeyComponent.REQUEST);
  }

  private static boolean sends(int sender, int receiver) {
    return (sender & KeyComponent.SEND_ALWAYS) != 0
        || ((receiver & KeyComponent.REQUEST) != 0 && (sender & KeyComponent.SEND_ON_REQUEST) != 0);
  }

  private static boolean agree(int near, int far) {
    boolean nearCanSend = (near & (KeyComponent.SEND_ALWAYS | KeyComponent.SEND_ON_REQUEST)) != 0;
    boolean farCanSend = (far & (KeyComponent.SEND_ALWAYS | KeyComponent.SEND_ON_REQUEST)) != 0;
    return ((far & KeyComponent.REQUEST) == 0 || nearCanSend)
        && ((near & KeyComponent.REQUEST) == 0 || farCanSend);
  }
}
