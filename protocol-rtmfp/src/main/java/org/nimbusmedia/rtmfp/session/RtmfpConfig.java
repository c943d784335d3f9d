package org.nimbusmedia.rtmfp.session;

import java.time.Duration;
import java.util.List;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;

/**
 * Limits and timers of an RTMFP endpoint, validated on construction.
 *
 * @param maxSessions sessions held in total
 * @param maxSessionsPerAddress sessions held per remote IP address
 * @param cookieLifetime how long an RHello cookie stays valid
 * @param keepalive idle time after which a ping is sent (RFC 7016 section 3.5.2.2)
 * @param idleTimeout silence after which a session is dropped
 * @param handshakeTimeout how long an initiator keeps trying
 * @param maxPacketSize largest packet this end sends, before encryption
 * @param receiveBuffer per-flow receive buffer, advertised as the window
 * @param maxMessageSize largest reassembled flow message
 * @param maxFlowsPerSession receive flows a peer may open
 * @param groups Diffie-Hellman groups advertised, in preference order; must include group 2
 * @param integrity what this end offers for HMAC and sequence numbers (RFC 7425 section 4.6.2)
 * @param helloAmplification the largest ratio of RHello datagram size to IHello datagram size a
 *     server sends to an unverified address, or 0 for no limit. A 1 means no amplification, but
 *     Flash-style IHellos are smaller than the RHello that librtmfp needs (64-byte cookie, 77-byte
 *     certificate: 180 bytes), so 1 locks those clients out. The default, {@link
 *     #DEFAULT_HELLO_AMPLIFICATION}, is the smallest ratio that answers the smallest IHello there
 *     is (one AES block: 36 bytes, what librtmfp sends for a short application name).
 * @param helloExcessRate bytes per second, over all unverified addresses together, by which RHellos
 *     may exceed the IHellos they answer (a one-second burst); 0 answers only IHellos at least as
 *     large as the RHello. The per-datagram ratio alone still lets a flood of spoofed IHellos
 *     reflect five times its volume at its victims; this budget caps the surplus a flood can get,
 *     however many addresses it claims, at a rate that serves hundreds of real handshakes a second.
 */
public record RtmfpConfig(
    int maxSessions,
    int maxSessionsPerAddress,
    Duration cookieLifetime,
    Duration keepalive,
    Duration idleTimeout,
    Duration handshakeTimeout,
    int maxPacketSize,
    int receiveBuffer,
    int maxMessageSize,
    int maxFlowsPerSession,
    List<DhGroup> groups,
    IntegrityPolicy integrity,
    int helloAmplification,
    int helloExcessRate) {

  /**
   * 180-byte RHello / 36-byte IHello: a spoofed IHello yields at most five times its size, once,
   * and no state (RFC 7016 section 3.5.1.2 leaves the bound to the implementation).
   */
  public static final int DEFAULT_HELLO_AMPLIFICATION = 5;

  /** 64 KiB/s: the surplus of 450 RHellos to the smallest IHellos each second. */
  public static final int DEFAULT_HELLO_EXCESS_RATE = 64 * 1024;

  /** Validates every field. */
  public RtmfpConfig {
    range("maxSessions", maxSessions, 1, 1_000_000);
    range("maxSessionsPerAddress", maxSessionsPerAddress, 1, maxSessions);
    positive("cookieLifetime", cookieLifetime);
    positive("keepalive", keepalive);
    positive("idleTimeout", idleTimeout);
    positive("handshakeTimeout", handshakeTimeout);
    range("maxPacketSize", maxPacketSize, 576, 8000);
    range("receiveBuffer", receiveBuffer, 4096, 64 << 20);
    range("maxMessageSize", maxMessageSize, 1024, 64 << 20);
    range("maxFlowsPerSession", maxFlowsPerSession, 1, 65536);
    groups = List.copyOf(groups);
    java.util.Objects.requireNonNull(integrity, "integrity");
    range("helloAmplification", helloAmplification, 0, 100);
    range("helloExcessRate", helloExcessRate, 0, 64 << 20);
    if (!groups.contains(DhGroup.GROUP_2)) {
      throw new IllegalArgumentException("groups must include group 2 (RFC 7425 section 4.2)");
    }
  }

  /** Defaults suited to Flash clients. */
  public static RtmfpConfig defaults() {
    return new RtmfpConfig(
        10_000,
        16,
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        Duration.ofSeconds(120),
        Duration.ofSeconds(10),
        1192,
        1 << 20,
        16 << 20,
        256,
        List.of(DhGroup.GROUP_2, DhGroup.GROUP_5, DhGroup.GROUP_14),
        IntegrityPolicy.ON_REQUEST,
        DEFAULT_HELLO_AMPLIFICATION,
        DEFAULT_HELLO_EXCESS_RATE);
  }

  /** A copy with other session caps. */
  public RtmfpConfig withSessionCaps(int total, int perAddress) {
    return new RtmfpConfig(
        total,
        perAddress,
        cookieLifetime,
        keepalive,
        idleTimeout,
        handshakeTimeout,
        maxPacketSize,
        receiveBuffer,
        maxMessageSize,
        maxFlowsPerSession,
        groups,
        integrity,
        helloAmplification,
        helloExcessRate);
  }

  /** A copy with other timers. */
  public RtmfpConfig withTimers(Duration keepalive, Duration idleTimeout) {
    return new RtmfpConfig(
        maxSessions,
        maxSessionsPerAddress,
        cookieLifetime,
        keepalive,
        idleTimeout,
        handshakeTimeout,
        maxPacketSize,
        receiveBuffer,
        maxMessageSize,
        maxFlowsPerSession,
        groups,
        integrity,
        helloAmplification,
        helloExcessRate);
  }

  /** A copy with another integrity policy. */
  public RtmfpConfig withIntegrity(IntegrityPolicy policy) {
    return new RtmfpConfig(
        maxSessions,
        maxSessionsPerAddress,
        cookieLifetime,
        keepalive,
        idleTimeout,
        handshakeTimeout,
        maxPacketSize,
        receiveBuffer,
        maxMessageSize,
        maxFlowsPerSession,
        groups,
        policy,
        helloAmplification,
        helloExcessRate);
  }

  /** A copy with another RHello amplification limit. */
  public RtmfpConfig withHelloAmplification(int ratio) {
    return new RtmfpConfig(
        maxSessions,
        maxSessionsPerAddress,
        cookieLifetime,
        keepalive,
        idleTimeout,
        handshakeTimeout,
        maxPacketSize,
        receiveBuffer,
        maxMessageSize,
        maxFlowsPerSession,
        groups,
        integrity,
        ratio,
        helloExcessRate);
  }

  /** A copy with another budget for RHello bytes beyond the IHellos' own. */
  public RtmfpConfig withHelloExcessRate(int bytesPerSecond) {
    return new RtmfpConfig(
        maxSessions,
        maxSessionsPerAddress,
        cookieLifetime,
        keepalive,
        idleTimeout,
        handshakeTimeout,
        maxPacketSize,
        receiveBuffer,
        maxMessageSize,
        maxFlowsPerSession,
        groups,
        integrity,
        helloAmplification,
        bytesPerSecond);
  }

  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " = " + value + ", expected " + min + ".." + max);
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " = " + value + ", expected a positive duration");
    }
  }
}
