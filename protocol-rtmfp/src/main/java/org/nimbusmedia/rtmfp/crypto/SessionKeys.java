package org.nimbusmedia.rtmfp.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and nonces derived at the end of the handshake (RFC 7425 section 4.6). With S the
 * Diffie-Hellman shared secret, SKIC the initiator's and SKRC the responder's session key
 * component:
 *
 * <ul>
 *   <li>initiator encrypt key = responder decrypt key = first 16 bytes of {@code HMAC-SHA256(S,
 *       HMAC-SHA256(SKRC, SKIC))};
 *   <li>initiator decrypt key = responder encrypt key = first 16 bytes of {@code HMAC-SHA256(S,
 *       HMAC-SHA256(SKIC, SKRC))};
 *   <li>near nonce = {@code HMAC-SHA256(S, own component)}, far nonce = {@code HMAC-SHA256(S,
 *       peer's component)} (section 4.6.5).
 * </ul>
 *
 * {@code HMAC-SHA256(K, M)} takes the key first.
 *
 * @param encryptKey 16-byte key for packets this end sends
 * @param decryptKey 16-byte key for packets this end receives
 * @param nearNonce this end's 32-byte session nonce
 * @param farNonce the peer's 32-byte session nonce
 * @param sendHmacKey {@code HMAC-SHA256(S, full 32-byte encrypt key)}, used when this end sends
 *     HMACs (section 4.6.4)
 * @param receiveHmacKey {@code HMAC-SHA256(S, full 32-byte decrypt key)}
 */
public record SessionKeys(
    byte[] encryptKey,
    byte[] decryptKey,
    byte[] nearNonce,
    byte[] farNonce,
    byte[] sendHmacKey,
    byte[] receiveHmacKey) {

  /** Copies the arrays. */
  public SessionKeys {
    encryptKey = encryptKey.clone();
    decryptKey = decryptKey.clone();
    nearNonce = nearNonce.clone();
    farNonce = farNonce.clone();
    sendHmacKey = sendHmacKey.clone();
    receiveHmacKey = receiveHmacKey.clone();
  }

  @Override
  public byte[] sendHmacKey() {
    return sendHmacKey.clone();
  }

  @Override
  public byte[] receiveHmacKey() {
    return receiveHmacKey.clone();
  }

  @Override
  public byte[] encryptKey() {
    return encryptKey.clone();
  }

  @Override
  public byte[] decryptKey() {
    return decryptKey.clone();
  }

  @Override
  public byte[] nearNonce() {
    return nearNonce.clone();
  }

  @Override
  public byte[] farNonce() {
    return farNonce.clone();
  }

  /**
   * Derives the keys for one end of a session.
   *
   * @param sharedSecret the minimal-length DH secret
   * @param skic the initiator's session key component, as sent
   * @param skrc the responder's session key component, as sent
   * @param initiator whether the keys are for the initiator
   */
  public static SessionKeys derive(
      byte[] sharedSecret, byte[] skic, byte[] skrc, boolean initiator) {
    byte[] initiatorMaterial = hmac(sharedSecret, hmac(skrc, skic));
    byte[] responderMaterial = hmac(sharedSecret, hmac(skic, skrc));
    byte[] initiatorEncrypt = Arrays.copyOf(initiatorMaterial, 16);
    byte[] responderEncrypt = Arrays.copyOf(responderMaterial, 16);
    byte[] initiatorHmac = hmac(sharedSecret, initiatorMaterial);
    byte[] responderHmac = hmac(sharedSecret, responderMaterial);
    byte[] initiatorNonce = hmac(sharedSecret, skic);
    byte[] responderNonce = hmac(sharedSecret, skrc);
    return initiator
        ? new SessionKeys(
            initiatorEncrypt,
            responderEncrypt,
            initiatorNonce,
            responderNonce,
            initiatorHmac,
            responderHmac)
        : new SessionKeys(
            responderEncrypt,
            initiatorEncrypt,
            responderNonce,
            initiatorNonce,
            responderHmac,
            initiatorHmac);
  }

  /** HMAC-SHA256 with the key first. */
  public static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKeys k
        && Arrays.equals(k.encryptKey, encryptKey)
        && Arrays.equals(k.decryptKey, decryptKey)
        && Arrays.equals(k.nearNonce, nearNonce)
        && Arrays.equals(k.farNonce, farNonce);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encryptKey) * 31 + Arrays.hashCode(decryptKey);
  }

  @Override
  public String toString() {
    return "SessionKeys[redacted]";
  }
}
