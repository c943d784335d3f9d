package org.nimbusmedia.server.config;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may use the admin API and how failed logins are limited ({@code Users.xml} and {@code
 * LoginLimits} in FMS 4, {@code reference/fms4.md} section 5.1). The admin listener's socket is
 * {@code server.listeners.admin}.
 *
 * @param users admin user names and their bcrypt password hashes ({@code ./nimbus --hash-password}
 *     or {@code htpasswd -nB} makes one); with none, the API needs no login and must stay on
 *     loopback
 * @param maxFailedLogins failed logins from one address before it is locked out (FMS MaxFailures 3)
 * @param lockoutTime how long a locked-out address is refused (FMS RecoveryTime 30 s)
 */
public record AdminConfig(
    Map<String, String> users, Integer maxFailedLogins, Duration lockoutTime) {
  /**
   * {@code $2a$}, {@code $2b$} or {@code $2y$}, a two-digit cost, 53 characters of salt and hash.
   */
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public AdminConfig {
    users = Map.copyOf(Check.orDefault(users, Map.of()));
    for (Map.Entry<String, String> user : users.entrySet()) {
      if (!USER_NAME.matcher(user.getKey()).matches()) {
        throw new InvalidValueException(
            "users", "\"" + user.getKey() + "\"", "user names of 1 to 64 letters, digits, . _ -");
      }
      String hash = user.getValue();
      if (hash == null || !BCRYPT.matcher(hash).matches() || cost(hash) < 4 || cost(hash) > 31) {
        throw new InvalidValueException(
            "users." + user.getKey(),
            hash == null ? "null" : "\"" + hash + "\"",
            "a bcrypt hash ($2y$12$...) made by ./nimbus --hash-password");
      }
    }
    maxFailedLogins = Check.range("maxFailedLogins", Check.orDefault(maxFailedLogins, 3), 1, 1000);
    lockoutTime =
        Check.range(
            "lockoutTime",
            Check.orDefault(lockoutTime, Duration.ofSeconds(30)),
            Duration.ofSeconds(1),
            Duration.ofDays(1));
  }

  private static int cost(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  public static AdminConfig defaults() {
    return new AdminConfig(null, null, null);
  }

  public AdminConfig withUsers(Map<String, String> newUsers) {
    return new AdminConfig(newUsers, maxFailedLogins, lockoutTime);
  }

  public AdminConfig withLoginLimits(int newMaxFailedLogins, Duration newLockoutTime) {
    return new AdminConfig(users, newMaxFailedLogins, newLockoutTime);
  }
}
