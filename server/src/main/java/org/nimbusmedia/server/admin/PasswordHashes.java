package org.nimbusmedia.server.admin;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Admin passwords as bcrypt hashes (BouncyCastle's {@code OpenBSDBCrypt}): the {@code $2y$} strings
 * that {@code htpasswd -nB} also makes, so an operator can produce one with either tool.
 */
public final class PasswordHashes {
  /** Work factor of new hashes: 2^12 rounds, about a quarter of a second per check. */
  public static final int COST = 12;

  // Checked for unknown users so that a wrong name takes as long as a wrong password.
  private static final String DECOY = hash(randomPassword());

  private PasswordHashes() {}

  /** A new hash of {@code password} with a random salt. */
  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password, salt, COST);
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).toCharArray();
  }

  /** Whether {@code password} matches {@code hash}; false for a malformed hash. */
  public static boolean matches(String hash, char[] password) {
    try {
      return OpenBSDBCrypt.checkPassword(hash, password);
    } catch (IllegalArgumentException | DataLengthException malformed) {
      return false;
    }
  }

  /** Spends the time of one check without a user to check against. */
  static void checkDecoy(char[] password) {
    matches(DECOY, password);
  }
}
