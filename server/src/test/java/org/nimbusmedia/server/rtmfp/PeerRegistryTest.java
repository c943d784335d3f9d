package org.nimbusmedia.server.rtmfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerRegistryTest {
  private static final String ALICE_ID = "ab".repeat(32);
  private static final String BOB_ID = "cd".repeat(32);

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final PeerRegistry registry = new PeerRegistry(clock, Duration.ofMinutes(35), 2);

  @Test
  void aRegistrationIsFoundUntilItExpiresAndARefreshExtendsIt() {
    assertTrue(registry.register("alice", ALICE_ID));
    clock.advance(Duration.ofMinutes(30));
    assertEquals(Optional.of(ALICE_ID), registry.lookup("alice"));
    assertTrue(registry.register("alice", ALICE_ID), "the sample refreshes every 30 minutes");
    clock.advance(Duration.ofMinutes(34));
    assertEquals(Optional.of(ALICE_ID), registry.lookup("alice"));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(Optional.empty(), registry.lookup("alice"));
  }

  @Test
  void identityZeroUnregisters() {
    registry.register("alice", ALICE_ID);
    assertTrue(registry.register("alice", "0"));
    assertEquals(Optional.empty(), registry.lookup("alice"));
  }

  @Test
  void onlyPeerIdsAndShortNamesAreAccepted() {
    assertFalse(registry.register("alice", "not-a-peer-id"));
    assertFalse(registry.register("alice", "ab".repeat(31)));
    assertFalse(registry.register("", ALICE_ID));
    assertFalse(registry.register("x".repeat(PeerRegistry.MAX_USER_LENGTH + 1), ALICE_ID));
    assertFalse(registry.register("alice", null));
    assertEquals(Optional.empty(), registry.lookup("alice"));
  }

  @Test
  void aFullRegistryMakesRoomOnlyFromExpiredEntries() {
    assertTrue(registry.register("alice", ALICE_ID));
    assertTrue(registry.register("bob", BOB_ID));
    assertFalse(registry.register("carol", ALICE_ID), "full");
    assertTrue(registry.register("bob", BOB_ID.toUpperCase()), "a refresh is not a new entry");
    assertEquals(Optional.of(BOB_ID), registry.lookup("bob"), "peer IDs are kept in lower case");
    clock.advance(Duration.ofMinutes(36));
    assertTrue(registry.register("carol", ALICE_ID), "expired entries made room");
  }
}
