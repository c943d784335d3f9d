package org.nimbusmedia.server.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TLS front end's socket and its identity: the RTMPS listener ({@code Adaptor.xml
 * SSL/SSLServerCtx} in FMS 4, {@code reference/fms4.md} section 6). Off by default; when it is
 * enabled both files must be readable at start-up.
 *
 * @param enabled whether the listener runs
 * @param bind the address to bind
 * @param port the port (0 picks a free port)
 * @param certificate PEM file with the server certificate, then any intermediate certificates
 * @param privateKey PEM file with the certificate's private key (PKCS#8, not encrypted)
 */
public record TlsListenerConfig(
    Boolean enabled, String bind, Integer port, Path certificate, Path privateKey) {
  public TlsListenerConfig {
    if (bind != null) {
      Check.notBlank("bind", bind);
    }
    if (port != null) {
      Check.range("port", port, 0, 65_535);
    }
    if (Boolean.TRUE.equals(enabled)) {
      readable("certificate", certificate);
      readable("privateKey", privateKey);
    }
  }

  private static void readable(String key, Path file) {
    if (file != null && !Files.isReadable(file)) {
      throw new InvalidValueException(key, file, "a readable PEM file");
    }
  }

  /** This listener with every absent value taken from {@code defaults}. */
  TlsListenerConfig withDefaults(TlsListenerConfig defaults) {
    return new TlsListenerConfig(
        Check.orDefault(enabled, defaults.enabled),
        Check.orDefault(bind, defaults.bind),
        Check.orDefault(port, defaults.port),
        Check.orDefault(certificate, defaults.certificate),
        Check.orDefault(privateKey, defaults.privateKey));
  }

  /** The plain socket part, as the other listeners have it. */
  public ListenerConfig socket() {
    return new ListenerConfig(enabled, bind, port);
  }

  public TlsListenerConfig withPort(int newPort) {
    return new TlsListenerConfig(enabled, bind, newPort, certificate, privateKey);
  }

  public TlsListenerConfig withBind(String newBind) {
    return new TlsListenerConfig(enabled, newBind, port, certificate, privateKey);
  }

  public TlsListenerConfig withEnabled(boolean newEnabled) {
    return new TlsListenerConfig(newEnabled, bind, port, certificate, privateKey);
  }

  public TlsListenerConfig withFiles(Path newCertificate, Path newPrivateKey) {
    return new TlsListenerConfig(enabled, bind, port, newCertificate, newPrivateKey);
  }
}
