package org.nimbusmedia.rtmfp.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * The MODP Diffie-Hellman groups of RFC 7425 section 4.2, identified by their IKE group numbers: 2
 * (1024 bits, mandatory, RFC 2409 section 6.2), 5 (1536), 14 (2048) and 16 (4096) from RFC 3526.
 */
public enum DhGroup {
  /** 1024-bit MODP group; every implementation must support it. */
  GROUP_2(2, DHStandardGroups.rfc2409_1024),
  /** 1536-bit MODP group. */
  GROUP_5(5, DHStandardGroups.rfc3526_1536),
  /** 2048-bit MODP group. */
  GROUP_14(14, DHStandardGroups.rfc3526_2048),
  /** 4096-bit MODP group. */
  GROUP_16(16, DHStandardGroups.rfc3526_4096);

  private final int id;
  private final BigInteger p;
  private final BigInteger g;

  DhGroup(int id, DHParameters params) {
    this.id = id;
    this.p = params.getP();
    this.g = params.getG();
  }

  /** The group number carried in certificates and key components. */
  public int id() {
    return id;
  }

  /** The prime modulus. */
  public BigInteger prime() {
    return p;
  }

  /** The generator. */
  public BigInteger generator() {
    return g;
  }

  /** Length of the modulus in bytes, the upper bound of a public key's length. */
  public int byteLength() {
    return (p.bitLength() + 7) / 8;
  }

  /** The group with this number, or null when not implemented. */
  public static DhGroup byId(long id) {
    for (DhGroup group : values()) {
      if (group.id == id) {
        return group;
      }
    }
    return null;
  }
}
