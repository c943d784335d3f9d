package org.nimbusmedia.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.testing.ManualClock;

/** Credentials from Basic or auser/apswd, the lockout, and the short memory of a checked login. */
class AdminAuthenticatorTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InetAddress from = InetAddress.getLoopbackAddress();
  private String hash = bcrypt("right");
  private final VerifiedLogins verified = new VerifiedLogins(Duration.ofMinutes(5), clock);

  private static String bcrypt(String password) {
    return OpenBSDBCrypt.generate(
        "2y", password.toCharArray(), "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4);
  }

  private AdminAuthenticator authenticator() {
    return new AdminAuthenticator(
        Map.of("ops", hash), new LoginLimiter(3, Duration.ofSeconds(30), clock), verified);
  }

  private static FullHttpRequest basic(String user, String password) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/admin/ping");
    request
        .headers()
        .set(
            HttpHeaderNames.AUTHORIZATION,
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    return request;
  }

  private static FullHttpRequest bare() {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/admin/ping");
  }

  @Test
  void basicAndFmsParametersBothLogIn() {
    AdminAuthenticator auth = authenticator();

    assertEquals(
        new AdminAuthenticator.Outcome.Allowed("ops"),
        auth.check(basic("ops", "right"), Map.of(), from));
    assertEquals(
        new AdminAuthenticator.Outcome.Allowed("ops"),
        auth.check(bare(), Map.of("auser", "ops", "apswd", "right"), from));
    assertInstanceOf(
        AdminAuthenticator.Outcome.Refused.class, auth.check(bare(), Map.of("auser", "ops"), from));
    assertInstanceOf(
        AdminAuthenticator.Outcome.Refused.class,
        auth.check(basic("nobody", "right"), Map.of(), from));
  }

  @Test
  void theThirdFailureLocksOutEvenTheRightPassword() {
    AdminAuthenticator auth = authenticator();
    auth.check(basic("ops", "a"), Map.of(), from);
    auth.check(basic("ops", "b"), Map.of(), from);

    assertEquals(
        new AdminAuthenticator.Outcome.LockedOut(Duration.ofSeconds(30)),
        auth.check(basic("ops", "c"), Map.of(), from));
    assertInstanceOf(
        AdminAuthenticator.Outcome.LockedOut.class,
        auth.check(basic("ops", "right"), Map.of(), from));
    clock.advance(Duration.ofSeconds(30));
    assertInstanceOf(
        AdminAuthenticator.Outcome.Allowed.class,
        auth.check(basic("ops", "right"), Map.of(), from));
  }

  @Test
  void aCheckedPasswordIsTrustedForItsLifetimeOnly() {
    authenticator().check(basic("ops", "right"), Map.of(), from);
    // The config now holds another hash: only the remembered login can still pass.
    hash = bcrypt("changed");
    AdminAuthenticator auth = authenticator();

    assertInstanceOf(
        AdminAuthenticator.Outcome.Allowed.class,
        auth.check(basic("ops", "right"), Map.of(), from));
    assertInstanceOf(
        AdminAuthenticator.Outcome.Refused.class, auth.check(basic("ops", "righ"), Map.of(), from));
    clock.advance(Duration.ofMinutes(5));
    assertInstanceOf(
        AdminAuthenticator.Outcome.Refused.class,
        auth.check(basic("ops", "right"), Map.of(), from));
  }

  @Test
  void withoutUsersEveryRequestMayRun() {
    AdminAuthenticator open =
        new AdminAuthenticator(
            Map.of(), new LoginLimiter(3, Duration.ofSeconds(30), clock), verified);

    assertEquals(new AdminAuthenticator.Outcome.Allowed(""), open.check(bare(), Map.of(), from));
  }
}
