package org.nimbusmedia.rtmfp.session;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;

/**
 * An initiator's long-lived identity: static Diffie-Hellman keys, the certificate that carries
 * them, and the peer ID derived from it (RFC 7425 sections 4.3.2 and 7).
 */
public final class ClientIdentity {
  private final Map<DhGroup, DhKeyPair> keys;
  private final byte[] certificate;
  private final byte[] peerId;

  private ClientIdentity(Map<DhGroup, DhKeyPair> keys) {
    this.keys = Map.copyOf(keys);
    List<DhKeyPair> ordered = new ArrayList<>(keys.values());
    this.certificate = FlashProfile.clientCertificate(ordered);
    this.peerId = FlashProfile.peerId(certificate);
  }

  /** A Flash-like identity with a single static group-2 key. */
  public static ClientIdentity generate(SecureRandom random) {
    return generate(random, List.of(DhGroup.GROUP_2));
  }

  /** An identity with one static key per group, in order. */
  public static ClientIdentity generate(SecureRandom random, List<DhGroup> groups) {
    Map<DhGroup, DhKeyPair> keys = new LinkedHashMap<>();
    for (DhGroup g : groups) {
      keys.put(g, DhKeyPair.generate(g, random));
    }
    return new ClientIdentity(keys);
  }

  /** The certificate sent in IIKeying. */
  public byte[] certificate() {
    return certificate.clone();
  }

  /** The peer ID: SHA-256 of the certificate. */
  public byte[] peerId() {
    return peerId.clone();
  }

  /** The static key for a group, or null. */
  DhKeyPair key(DhGroup group) {
    return keys.get(group);
  }

  /** Groups with a static key. */
  List<DhGroup> groups() {
    List<DhGroup> out = new ArrayList<>();
    for (DhGroup g : DhGroup.values()) {
      if (keys.containsKey(g)) {
        out.add(g);
      }
    }
    return out;
  }
}
