package org.nimbusmedia.rtmp.client;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;

/**
 * Settings of one {@link RtmpClient}. Immutable and validated; start from {@link #DEFAULTS} and
 * change what differs with the {@code with...} methods.
 *
 * @param flashVer the {@code flashVer} sent in {@code connect}
 * @param swfUrl the {@code swfUrl} sent in {@code connect}, or null to leave it out
 * @param pageUrl the {@code pageUrl} sent in {@code connect}, or null to leave it out
 * @param objectEncoding the {@code objectEncoding} announced in {@code connect}; with AMF3, later
 *     commands are sent as AMF3 command messages (type 0x11), as Flash Player does
 * @param connectTimeout how long TCP connect, handshake and the answer to {@code connect} may take
 * @param handshakeTimeout how long the handshake alone may take
 * @param outboundChunkSize the chunk size announced with Set Chunk Size after the handshake; 128
 *     (the protocol default, what Flash Player keeps) sends no Set Chunk Size
 * @param bufferMillis the buffer length sent with SetBufferLength after {@code play}
 * @param mediaQueueCapacity how many received media and data messages each stream keeps as copies
 *     for {@link ClientStream#awaitMedia}; 0 keeps none (load generators use listeners instead)
 * @param eventLogCapacity how many unconsumed commands and status events the client keeps for the
 *     {@code await...} helpers; older ones are dropped
 * @param limits bounds on what the server may make the chunk decoder hold
 * @param amfLimits bounds on the AMF values the server sends
 * @param channelType the socket channel class matching the event loop group
 * @param tls the TLS client context for {@code rtmps://} URLs (it says which certificates are
 *     trusted); {@code null} uses the JDK's trusted certificate authorities
 */
public record RtmpClientConfig(
    String flashVer,
    String swfUrl,
    String pageUrl,
    ObjectEncoding objectEncoding,
    Duration connectTimeout,
    Duration handshakeTimeout,
    int outboundChunkSize,
    long bufferMillis,
    int mediaQueueCapacity,
    int eventLogCapacity,
    RtmpLimits limits,
    AmfLimits amfLimits,
    Class<? extends Channel> channelType,
    SslContext tls) {

  /** The Linux Flash Player 10 version string FMS 4 saw most. */
  public static final String DEFAULT_FLASH_VER = "LNX 10,0,32,18";

  /** Flash Player 10 on Linux, AMF0, 10 s timeouts, 128-byte chunks, 1 s buffer. */
  public static final RtmpClientConfig DEFAULTS =
      new RtmpClientConfig(
          DEFAULT_FLASH_VER,
          null,
          null,
          ObjectEncoding.AMF0,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          128,
          1000,
          4096,
          1024,
          RtmpLimits.DEFAULTS,
          AmfLimits.DEFAULT,
          NioSocketChannel.class,
          null);

  /** Validates every field; a bad value names the field and the expected range. */
  public RtmpClientConfig {
    Objects.requireNonNull(flashVer, "flashVer");
    Objects.requireNonNull(objectEncoding, "objectEncoding");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(handshakeTimeout, "handshakeTimeout");
    if (outboundChunkSize < 1) {
      throw new IllegalArgumentException(
          "outboundChunkSize must be 1..2^31-1 (RTMP 1.0 section 5.4.1), got " + outboundChunkSize);
    }
    if (bufferMillis < 0 || bufferMillis > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("bufferMillis must be 0..2^32-1, got " + bufferMillis);
    }
    if (mediaQueueCapacity < 0) {
      throw new IllegalArgumentException(
          "mediaQueueCapacity must be 0 or more, got " + mediaQueueCapacity);
    }
    if (eventLogCapacity < 1) {
      throw new IllegalArgumentException(
          "eventLogCapacity must be 1 or more, got " + eventLogCapacity);
    }
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(amfLimits, "amfLimits");
    Objects.requireNonNull(channelType, "channelType");
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** A copy with another {@code flashVer}. */
  public RtmpClientConfig withFlashVer(String value) {
    return new RtmpClientConfig(
        value,
        swfUrl,
        pageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with other {@code swfUrl} and {@code pageUrl} values (null leaves one out). */
  public RtmpClientConfig withUrls(String newSwfUrl, String newPageUrl) {
    return new RtmpClientConfig(
        flashVer,
        newSwfUrl,
        newPageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with another object encoding. */
  public RtmpClientConfig withObjectEncoding(ObjectEncoding value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        value,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with another connect timeout. */
  public RtmpClientConfig withConnectTimeout(Duration value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        objectEncoding,
        value,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with another outbound chunk size. */
  public RtmpClientConfig withOutboundChunkSize(int value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        value,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with another SetBufferLength value. */
  public RtmpClientConfig withBufferMillis(long value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        value,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with another media queue capacity (0 keeps no copies). */
  public RtmpClientConfig withMediaQueueCapacity(int value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        value,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        tls);
  }

  /** A copy with another socket channel class (e.g. an epoll channel for an epoll group). */
  public RtmpClientConfig withChannelType(Class<? extends Channel> value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        value,
        tls);
  }

  /**
   * A copy with another TLS client context for {@code rtmps://} URLs, for example one that trusts a
   * test's self-signed certificate.
   */
  public RtmpClientConfig withTls(SslContext value) {
    return new RtmpClientConfig(
        flashVer,
        swfUrl,
        pageUrl,
        objectEncoding,
        connectTimeout,
        handshakeTimeout,
        outboundChunkSize,
        bufferMillis,
        mediaQueueCapacity,
        eventLogCapacity,
        limits,
        amfLimits,
        channelType,
        value);
  }
}
