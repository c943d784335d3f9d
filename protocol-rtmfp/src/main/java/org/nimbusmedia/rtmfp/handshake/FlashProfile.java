package org.nimbusmedia.rtmfp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * Endpoint discriminators and certificates of the Flash profile (RFC 7425 sections 4.3 and 4.4).
 */
public final class FlashProfile {
  /** EPD option: required hostname. */
  public static final int EPD_HOSTNAME = 0x00;

  /** EPD option: ancillary data (the rtmfp URI, or just the application name). */
  public static final int EPD_ANCILLARY = 0x0a;

  /** EPD option: fingerprint, the 32-byte peer ID (RFC 7425 section 4.4.4). */
  public static final int EPD_FINGERPRINT = 0x0f;

  /** Certificate option: accepts ancillary data. */
  public static final int CERT_ACCEPTS_ANCILLARY = 0x0a;

  /** Certificate option: extra randomness. */
  public static final int CERT_EXTRA_RANDOM = 0x0e;

  /** Certificate option: supported ephemeral DH group. */
  public static final int CERT_SUPPORTED_GROUP = 0x15;

  /** Certificate option: static DH public key. */
  public static final int CERT_STATIC_KEY = 0x1d;

  private FlashProfile() {}

  /** A parsed EPD: either ancillary data for a server or a peer's fingerprint. */
  public record Epd(String ancillary, byte[] fingerprint) {
    /** Copies the fingerprint. */
    public Epd {
      fingerprint = fingerprint == null ? null : fingerprint.clone();
    }

    @Override
    public byte[] fingerprint() {
      return fingerprint == null ? null : fingerprint.clone();
    }
  }

  /** EPD for connecting to a server: one ancillary data option (RFC 7425 section 4.4.2). */
  public static byte[] serverEpd(String ancillary) {
    return new WireWriter()
        .option(EPD_ANCILLARY, ancillary.getBytes(StandardCharsets.UTF_8))
        .toByteArray();
  }

  /** EPD for connecting to a peer: {@code 21 0F <peer ID>} (RFC 7425 section 4.4.4). */
  public static byte[] peerEpd(byte[] peerId) {
    if (peerId.length != 32) {
      throw new IllegalArgumentException("peer ID must be 32 bytes");
    }
    return new WireWriter().option(EPD_FINGERPRINT, peerId).toByteArray();
  }

  /** Parses an EPD; unknown options are ignored. */
  public static Epd parseEpd(byte[] epd) {
    RtmfpOption.OptionList list = RtmfpOption.parseList(new WireReader(epd), true);
    RtmfpOption anc = list.first(EPD_ANCILLARY);
    RtmfpOption fp = list.first(EPD_FINGERPRINT);
    return new Epd(
        anc == null ? null : new String(anc.value(), StandardCharsets.UTF_8),
        fp != null && fp.value().length == 32 ? fp.value() : null);
  }

  /**
   * The server certificate: {@code 01 0A | 41 0E <64 random> | 02 15 <group>...}. With groups 2, 5
   * and 14 it is the 77 bytes librtmfp reads. Servers use ephemeral keys (RFC 7425 section 7).
   */
  public static byte[] serverCertificate(byte[] random64, List<DhGroup> groups) {
    WireWriter w = new WireWriter().option(CERT_ACCEPTS_ANCILLARY, new byte[0]);
    w.option(CERT_EXTRA_RANDOM, random64);
    for (DhGroup g : groups) {
      w.option(CERT_SUPPORTED_GROUP, new WireWriter().vlu(g.id()).toByteArray());
    }
    return w.toByteArray();
  }

  /** A client certificate with static keys, Flash style: {@code 81 02 | 1D 02 <key>}. */
  public static byte[] clientCertificate(List<DhKeyPair> staticKeys) {
    WireWriter w = new WireWriter();
    for (DhKeyPair k : staticKeys) {
      w.option(
          CERT_STATIC_KEY, new WireWriter().vlu(k.group().id()).bytes(k.publicKey()).toByteArray());
    }
    return w.toByteArray();
  }

  /**
   * The peer ID: SHA-256 of the certificate up to its first marker, or of the whole certificate
   * when it has none (RFC 7425 section 4.3.2).
   */
  public static byte[] peerId(byte[] certificate) {
    WireReader r = new WireReader(certificate);
    int end = certificate.length;
    while (r.remaining() > 0) {
      int start = r.position();
      int length = r.vluBounded(r.remaining());
      if (length == 0) {
        end = start;
        break;
      }
      r.skip(length);
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(certificate, end));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Static DH keys in a certificate by group number, in certificate order. */
  public static Map<Integer, byte[]> staticKeys(byte[] certificate) {
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    for (RtmfpOption o :
        RtmfpOption.parseList(new WireReader(certificate), false).all(CERT_STATIC_KEY)) {
      WireReader r = o.reader();
      int group = r.vluBounded(0xffff);
      out.putIfAbsent(group, r.rest());
    }
    return out;
  }

  /** Ephemeral groups a certificate advertises, in order. */
  public static List<Integer> supportedGroups(byte[] certificate) {
    List<Integer> out = new ArrayList<>();
    for (RtmfpOption o :
        RtmfpOption.parseList(new WireReader(certificate), false).all(CERT_SUPPORTED_GROUP)) {
      out.add(o.reader().vluBounded(0xffff));
    }
    return out;
  }
}
