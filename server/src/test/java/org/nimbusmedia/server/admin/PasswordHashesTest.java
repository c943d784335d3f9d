package org.nimbusmedia.server.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  @Test
  void aNewHashMatchesItsPasswordOnly() {
    String hash = PasswordHashes.hash("s3cret!".toCharArray());

    assertTrue(hash.startsWith("$2y$12$"), hash);
    assertTrue(PasswordHashes.matches(hash, "s3cret!".toCharArray()));
    assertFalse(PasswordHashes.matches(hash, "s3cret".toCharArray()));
  }

  @Test
  void hashesFromOtherBcryptToolsAreAccepted() {
    // Known-answer vector of the OpenBSD/Openwall bcrypt test suite: "U*U" at cost 5, $2a$.
    String vector = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

    assertTrue(PasswordHashes.matches(vector, "U*U".toCharArray()));
    assertFalse(PasswordHashes.matches(vector, "U*V".toCharArray()));
  }

  @Test
  void aMalformedHashMatchesNothing() {
    assertFalse(PasswordHashes.matches("$2y$12$short", "x".toCharArray()));
  }
}
