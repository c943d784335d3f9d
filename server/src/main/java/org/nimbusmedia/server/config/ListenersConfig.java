package org.nimbusmedia.server.config;

/**
 * The four front ends and their defaults: RTMP 1935/tcp, RTMPT 8080/tcp, RTMFP 1935/udp, admin
 * 1111/tcp.
 */
public record ListenersConfig(
    ListenerConfig rtmp, ListenerConfig rtmpt, ListenerConfig rtmfp, ListenerConfig admin) {
  static final String LOOPBACK = "127.0.0.1";

  public ListenersConfig {
    rtmp = withDefaults(rtmp, 1935);
    rtmpt = withDefaults(rtmpt, 8080);
    rtmfp = withDefaults(rtmfp, 1935);
    admin = withDefaults(admin, 1111);
  }

  private static ListenerConfig withDefaults(ListenerConfig given, int port) {
    ListenerConfig defaults = new ListenerConfig(true, LOOPBACK, port);
    return given == null ? defaults : given.withDefaults(defaults);
  }

  public static ListenersConfig defaults() {
    return new ListenersConfig(null, null, null, null);
  }
}
