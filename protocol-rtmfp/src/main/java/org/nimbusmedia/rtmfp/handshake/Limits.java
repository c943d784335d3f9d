package org.nimbusmedia.rtmfp.handshake;

/** Upper bounds on handshake fields read from the network. */
final class Limits {
  /** Endpoint discriminator: a URI or a 32-byte fingerprint option. */
  static final int MAX_EPD = 1024;

  /** IHello tag; Flash uses 16 bytes. */
  static final int MAX_TAG = 64;

  /** Cookie; Flash uses 64 bytes. */
  static final int MAX_COOKIE = 256;

  /** Certificate: several static DH keys up to group 16 (512 bytes each) fit. */
  static final int MAX_CERTIFICATE = 4096;

  /** Session key component. */
  static final int MAX_COMPONENT = 2048;

  /** Redirect addresses. */
  static final int MAX_ADDRESSES = 16;

  private Limits() {}
}
