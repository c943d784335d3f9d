package org.nimbusmedia.server.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether an admin request may run: credentials from HTTP Basic or from FMS's {@code
 * auser}/{@code apswd} query parameters ({@code reference/fms4.md} section 5.1), checked against
 * the configured bcrypt hashes, with failed logins limited per address. With no users configured
 * every request may run: the config only allows that on a loopback address. Blocking (bcrypt): call
 * it off the I/O threads.
 */
final class AdminAuthenticator {
  /** What became of a request's credentials. */
  sealed interface Outcome {
    /** Allowed; {@code user} is empty when no users are configured. */
    record Allowed(String user) implements Outcome {}

    /** No credentials, unknown user or wrong password. */
    record Refused() implements Outcome {}

    /** Too many failures from this address: refused without a check. */
    record LockedOut(Duration retryAfter) implements Outcome {}
  }

  private final Map<String, String> users;
  private final LoginLimiter limiter;
  private final VerifiedLogins verified;

  AdminAuthenticator(Map<String, String> users, LoginLimiter limiter, VerifiedLogins verified) {
    this.users = Map.copyOf(users);
    this.limiter = limiter;
    this.verified = verified;
  }

  boolean loginRequired() {
    return !users.isEmpty();
  }

  Outcome check(HttpRequest request, Map<String, String> query, InetAddress from) {
    if (users.isEmpty()) {
      return new Outcome.Allowed("");
    }
    Optional<Duration> locked = limiter.lockedFor(from);
    if (locked.isPresent()) {
      return new Outcome.LockedOut(locked.get());
    }
    Optional<Credentials> credentials = basic(request).or(() -> fmsParameters(query));
    if (credentials.isPresent() && matches(credentials.get())) {
      limiter.succeeded(from);
      return new Outcome.Allowed(credentials.get().user());
    }
    if (limiter.failed(from)) {
      return new Outcome.LockedOut(limiter.lockedFor(from).orElse(Duration.ZERO));
    }
    return new Outcome.Refused();
  }

  private boolean matches(Credentials credentials) {
    String hash = users.get(credentials.user());
    if (hash != null && verified.recentlyVerified(credentials.user(), credentials.password())) {
      return true;
    }
    char[] password = credentials.password().toCharArray();
    try {
      if (hash == null) {
        PasswordHashes.checkDecoy(password);
        return false;
      }
      boolean matches = PasswordHashes.matches(hash, password);
      if (matches) {
        verified.remember(credentials.user(), credentials.password());
      }
      return matches;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private record Credentials(String user, String password) {}

  /** {@code Authorization: Basic base64(user:password)} (RFC 7617). */
  private static Optional<Credentials> basic(HttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  private static Optional<Credentials> fmsParameters(Map<String, String> query) {
    String user = query.get("auser");
    String password = query.get("apswd");
    return user == null || password == null
        ? Optional.empty()
        : Optional.of(new Credentials(user, password));
  }
}
