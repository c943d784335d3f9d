package org.nimbusmedia.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin section and the rule that keeps a login-free admin API on loopback. */
class AdminConfigTest {
  private static final ConfigLoader NO_ENVIRONMENT = new ConfigLoader(name -> null);
  // "U*U" at cost 5 (a bcrypt known-answer vector).
  private static final String HASH = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

  private static ConfigException failure(String yaml) {
    return assertThrows(ConfigException.class, () -> NO_ENVIRONMENT.parse("test.yaml", yaml));
  }

  @Test
  void readsUsersAndLoginLimits() throws Exception {
    NimbusConfig config =
        NO_ENVIRONMENT.parse(
            "test.yaml",
            "server:\n  listeners:\n    admin: {bind: 0.0.0.0}\n"
                + "admin:\n  users: {ops: \""
                + HASH
                + "\"}\n  maxFailedLogins: 5\n  lockoutTime: 2m\n");

    assertEquals(Map.of("ops", HASH), config.admin().users());
    assertEquals(5, config.admin().maxFailedLogins());
    assertEquals(Duration.ofMinutes(2), config.admin().lockoutTime());
    assertEquals("0.0.0.0", config.server().listeners().admin().bind());
  }

  @Test
  void anAdminApiOffLoopbackWithoutUsersStopsStartUp() {
    ConfigException e = failure("server:\n  listeners:\n    admin: {bind: 0.0.0.0}\n");

    assertEquals(
        "test.yaml: server.listeners.admin.bind: value 0.0.0.0 is invalid: expected a loopback"
            + " address (127.0.0.1, ::1) while admin.users is empty: add an admin user"
            + " (./nimbus --hash-password) before binding the admin API elsewhere",
        e.getMessage());
  }

  @Test
  void loopbackAddressesOrADisabledListenerNeedNoUsers() throws Exception {
    for (String yaml :
        new String[] {
          "server:\n  listeners:\n    admin: {bind: \"::1\"}\n",
          "server:\n  listeners:\n    admin: {bind: 127.0.0.2}\n",
          "server:\n  listeners:\n    admin: {bind: 0.0.0.0, enabled: false}\n"
        }) {
      assertEquals(Map.of(), NO_ENVIRONMENT.parse("test.yaml", yaml).admin().users());
    }
  }

  @Test
  void aPasswordInPlaceOfItsHashIsRefusedWithTheUsersKey() {
    ConfigException e = failure("admin:\n  users: {ops: hunter2}\n");

    assertEquals(
        "test.yaml: admin.users.ops: value \"hunter2\" is invalid: expected a bcrypt hash"
            + " ($2y$12$...) made by ./nimbus --hash-password",
        e.getMessage());
  }

  @Test
  void badUserNamesAndLimitsAreRefused() {
    assertEquals(
        "test.yaml: admin.users: value \"o ps\" is invalid: expected user names of 1 to 64"
            + " letters, digits, . _ -",
        failure("admin:\n  users: {\"o ps\": \"" + HASH + "\"}\n").getMessage());
    assertEquals(
        "test.yaml: admin.maxFailedLogins: value 0 is invalid: expected an integer from 1 to 1000",
        failure("admin:\n  maxFailedLogins: 0\n").getMessage());
  }
}
