package org.nimbusmedia.rtmfp.handshake;

import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * A parsed session key component, SKIC or SKRC (RFC 7425 section 4.6): options {@code 0x0d}
 * ephemeral DH public key, {@code 0x1d} DH group select, {@code 0x0e} extra randomness, {@code
 * 0x1a} HMAC negotiation and {@code 0x1e} session sequence number negotiation.
 *
 * @param groupSelect the group chosen from the peer's static keys, or -1
 * @param ephemeralGroup the group of the ephemeral key, or -1
 * @param ephemeralKey the ephemeral public key, or null
 * @param hmacFlags HMAC negotiation flags, or 0 when absent
 * @param hmacLength requested HMAC length, or 0
 * @param sequenceFlags sequence number negotiation flags, or 0 when absent
 */
public record KeyComponent(
    int groupSelect,
    int ephemeralGroup,
    byte[] ephemeralKey,
    int hmacFlags,
    int hmacLength,
    int sequenceFlags) {
  /** Negotiation flag: this end will always send (RFC 7425 section 4.6.2). */
  public static final int SEND_ALWAYS = 0x04;

  /** Negotiation flag: this end will send on request. */
  public static final int SEND_ON_REQUEST = 0x02;

  /** Negotiation flag: this end requests that the other sends. */
  public static final int REQUEST = 0x01;

  static final int EPHEMERAL_KEY = 0x0d;
  static final int EXTRA_RANDOM = 0x0e;
  static final int HMAC = 0x1a;
  static final int GROUP_SELECT = 0x1d;
  static final int SEQUENCE = 0x1e;

  /** Copies the key. */
  public KeyComponent {
    ephemeralKey = ephemeralKey == null ? null : ephemeralKey.clone();
  }

  @Override
  public byte[] ephemeralKey() {
    return ephemeralKey == null ? null : ephemeralKey.clone();
  }

  /** Parses a component. */
  public static KeyComponent parse(byte[] component) {
    RtmfpOption.OptionList list = RtmfpOption.parseList(new WireReader(component), false);
    int select = -1;
    int ephGroup = -1;
    byte[] ephKey = null;
    int hmacFlags = 0;
    int hmacLength = 0;
    int seqFlags = 0;
    for (RtmfpOption o : list.options()) {
      WireReader r = o.reader();
      switch (o.type()) {
        case GROUP_SELECT -> select = r.vluBounded(0xffff);
        case EPHEMERAL_KEY -> {
          ephGroup = r.vluBounded(0xffff);
          ephKey = r.rest();
        }
        case HMAC -> {
          hmacFlags = r.u8();
          hmacLength = r.remaining() > 0 ? r.vluBounded(32) : 0;
        }
        case SEQUENCE -> seqFlags = r.u8();
        default -> {
          // Extra randomness (0x0e) and unknown options only feed the key derivation.
        }
      }
    }
    return new KeyComponent(select, ephGroup, ephKey, hmacFlags, hmacLength, seqFlags);
  }

  /**
   * The Flash-style initiator component: {@code 02 1D <group> | 41 0E <64 random> | 03 1A 02 0A |
   * 02 1E 02}, selecting a static key of the initiator's certificate and offering HMAC and sequence
   * numbers on request only.
   */
  public static byte[] initiator(int group, byte[] random64) {
    return initiator(group, random64, new IntegrityPolicy(SEND_ON_REQUEST, 10, SEND_ON_REQUEST));
  }

  /** An initiator component with the given HMAC and sequence number offer. */
  public static byte[] initiator(int group, byte[] random64, IntegrityPolicy policy) {
    return new WireWriter()
        .option(GROUP_SELECT, new WireWriter().vlu(group).toByteArray())
        .option(EXTRA_RANDOM, random64)
        .option(
            HMAC, new WireWriter().u8(policy.hmacFlags()).vlu(policy.hmacLength()).toByteArray())
        .option(SEQUENCE, new byte[] {(byte) policy.sequenceFlags()})
        .toByteArray();
  }

  /**
   * The component of a responder with a static key (a peer, RFC 7425 section 4.3.3.5): the
   * negotiation options and 64 bytes of extra randomness, no public key.
   */
  public static byte[] staticResponder(
      byte[] random64, int hmacFlags, int hmacLength, int seqFlags) {
    return new WireWriter()
        .option(HMAC, new byte[] {(byte) hmacFlags, (byte) hmacLength})
        .option(SEQUENCE, new byte[] {(byte) seqFlags})
        .option(EXTRA_RANDOM, random64)
        .toByteArray();
  }

  /**
   * The responder component in the layout librtmfp requires: {@code 03 1A 00 00 | 02 1E 00 | VLU
   * len 0D <group> <ephemeral key>}, the key starting at offset 11 for group 2. Flags 0 select the
   * checksum mode.
   */
  public static byte[] responder(DhKeyPair ephemeral) {
    return responder(ephemeral, 0, 0, 0);
  }

  /**
   * A responder component with negotiation flags; with HMAC length below 128 the key still starts
   * at offset 11 for group 2.
   */
  public static byte[] responder(DhKeyPair ephemeral, int hmacFlags, int hmacLength, int seqFlags) {
    byte[] value =
        new WireWriter().vlu(ephemeral.group().id()).bytes(ephemeral.publicKey()).toByteArray();
    return new WireWriter()
        .option(HMAC, new byte[] {(byte) hmacFlags, (byte) hmacLength})
        .option(SEQUENCE, new byte[] {(byte) seqFlags})
        .option(EPHEMERAL_KEY, value)
        .toByteArray();
  }
}
