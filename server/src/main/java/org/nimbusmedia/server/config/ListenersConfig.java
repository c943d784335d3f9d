package org.nimbusmedia.server.config;

import java.nio.file.Path;

/**
 * The front ends and their defaults: RTMP 1935/tcp, RTMPT 8080/tcp, RTMFP 1935/udp, admin 1111/tcp,
 * and RTMPS 443/tcp, which is off until it is given a certificate and key.
 */
public record ListenersConfig(
    ListenerConfig rtmp,
    ListenerConfig rtmpt,
    ListenerConfig rtmfp,
    ListenerConfig admin,
    TlsListenerConfig rtmps) {
  static final String LOOPBACK = "127.0.0.1";

  public ListenersConfig {
    rtmp = withDefaults(rtmp, 1935);
    rtmpt = withDefaults(rtmpt, 8080);
    rtmfp = withDefaults(rtmfp, 1935);
    admin = withDefaults(admin, 1111);
    // Port 443: FMS's TLS port in its documented port lists (reference/fms4.md section 4, RTMPS).
    TlsListenerConfig tlsDefaults =
        new TlsListenerConfig(
            false,
            LOOPBACK,
            443,
            Path.of("conf", "rtmps", "certificate.pem"),
            Path.of("conf", "rtmps", "private-key.pem"));
    try {
      rtmps = rtmps == null ? tlsDefaults : rtmps.withDefaults(tlsDefaults);
    } catch (InvalidValueException e) {
      // A default file path failed the check: name the key as the file would.
      throw new InvalidValueException("rtmps." + e.key(), e.value(), e.expected());
    }
  }

  /** The four plain listeners, with RTMPS at its defaults (off). */
  public ListenersConfig(
      ListenerConfig rtmp, ListenerConfig rtmpt, ListenerConfig rtmfp, ListenerConfig admin) {
    this(rtmp, rtmpt, rtmfp, admin, null);
  }

  private static ListenerConfig withDefaults(ListenerConfig given, int port) {
    ListenerConfig defaults = new ListenerConfig(true, LOOPBACK, port);
    return given == null ? defaults : given.withDefaults(defaults);
  }

  public static ListenersConfig defaults() {
    return new ListenersConfig(null, null, null, null, null);
  }

  public ListenersConfig withRtmpt(ListenerConfig newRtmpt) {
    return new ListenersConfig(rtmp, newRtmpt, rtmfp, admin, rtmps);
  }

  public ListenersConfig withAdmin(ListenerConfig newAdmin) {
    return new ListenersConfig(rtmp, rtmpt, rtmfp, newAdmin, rtmps);
  }

  public ListenersConfig withRtmps(TlsListenerConfig newRtmps) {
    return new ListenersConfig(rtmp, rtmpt, rtmfp, admin, newRtmps);
  }
}
