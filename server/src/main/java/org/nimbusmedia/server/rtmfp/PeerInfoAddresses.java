package org.nimbusmedia.server.rtmfp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address strings of {@code setPeerInfo} (RFC 7425 section 5.3.3): {@code "ip:port"} for IPv4
 * and {@code "[ip]:port"} for IPv6, literal addresses only: a host name is never resolved.
 */
final class PeerInfoAddresses {
  private static final int MAX_LENGTH = 64;

  private PeerInfoAddresses() {}

  /** The address, or null when the text is not a literal address with a port. */
  static InetSocketAddress parse(String text) {
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      return null;
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null; // MonaServer #91: some clients send no port
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (port <= 0 || port > 65_535 || !isLiteral(host)) {
      return null;
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * IPv4 as four dotted decimal parts, or IPv6 (hex digits, colons, and dots for a mapped IPv4
   * tail), so that getByName never goes to DNS.
   */
  private static boolean isLiteral(String host) {
    boolean ipv6 = host.indexOf(':') >= 0;
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean hex = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (c == '.') {
        dots++;
      } else if (!digit && !(ipv6 && (hex || c == ':'))) {
        return false;
      }
    }
    return ipv6 || dots == 3;
  }
}
