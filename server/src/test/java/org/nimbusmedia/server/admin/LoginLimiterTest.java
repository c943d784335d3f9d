package org.nimbusmedia.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.testing.ManualClock;

/** FMS LoginLimits behaviour (fms4.md section 5.1) on a clock the test moves. */
class LoginLimiterTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginLimiter limiter = new LoginLimiter(3, Duration.ofSeconds(30), clock);
  private final InetAddress attacker = InetAddress.getLoopbackAddress();
  private final InetAddress other;

  LoginLimiterTest() throws Exception {
    other = InetAddress.getByName("192.0.2.7");
  }

  @Test
  void theThirdFailureLocksTheAddressForTheLockoutTime() {
    assertFalse(limiter.failed(attacker));
    assertFalse(limiter.failed(attacker));
    assertTrue(limiter.failed(attacker));

    assertEquals(Optional.of(Duration.ofSeconds(30)), limiter.lockedFor(attacker));
    assertEquals(Optional.empty(), limiter.lockedFor(other), "other addresses are not affected");
    clock.advance(Duration.ofSeconds(29));
    assertEquals(Optional.of(Duration.ofSeconds(1)), limiter.lockedFor(attacker));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), limiter.lockedFor(attacker));
    assertFalse(limiter.failed(attacker), "the count starts again after a lockout");
  }

  @Test
  void aSuccessClearsEarlierFailures() {
    limiter.failed(attacker);
    limiter.failed(attacker);
    limiter.succeeded(attacker);

    assertFalse(limiter.failed(attacker));
    assertFalse(limiter.failed(attacker));
    assertTrue(limiter.failed(attacker));
  }

  @Test
  void theTableForgetsTheOldestAddressWhenFull() throws Exception {
    limiter.failed(attacker);
    limiter.failed(attacker);
    for (int i = 0; i < LoginLimiter.MAX_ADDRESSES; i++) {
      limiter.failed(
          InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
    }

    assertFalse(limiter.failed(attacker), "forgotten: its two failures no longer count");
  }
}
