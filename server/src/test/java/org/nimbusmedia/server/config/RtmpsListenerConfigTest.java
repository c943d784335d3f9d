package org.nimbusmedia.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.listeners.rtmps}: off by default, and its files checked once it is enabled. */
class RtmpsListenerConfigTest {
  private static final ConfigLoader NO_ENVIRONMENT = new ConfigLoader(name -> null);

  @TempDir Path dir;

  private static ConfigException failure(String yaml) {
    return assertThrows(ConfigException.class, () -> NO_ENVIRONMENT.parse("test.yaml", yaml));
  }

  @Test
  void defaultsAreOffOnPort443WithFilesUnderConf() {
    TlsListenerConfig rtmps = NimbusConfig.defaults().server().listeners().rtmps();

    assertFalse(rtmps.enabled());
    assertEquals("127.0.0.1", rtmps.bind());
    assertEquals(443, rtmps.port());
    assertEquals(Path.of("conf/rtmps/certificate.pem"), rtmps.certificate());
    assertEquals(Path.of("conf/rtmps/private-key.pem"), rtmps.privateKey());
  }

  @Test
  void readsAnEnabledListenerWithReadableFiles() throws Exception {
    Path certificate = Files.writeString(dir.resolve("cert.pem"), "x");
    Path key = Files.writeString(dir.resolve("key.pem"), "x");

    NimbusConfig config =
        NO_ENVIRONMENT.parse(
            "test.yaml",
            "server:\n  listeners:\n    rtmps: {enabled: true, port: 8443, certificate: \""
                + certificate
                + "\", privateKey: \""
                + key
                + "\"}\n");

    TlsListenerConfig rtmps = config.server().listeners().rtmps();
    assertTrue(rtmps.enabled());
    assertEquals(8443, rtmps.port());
    assertEquals(certificate, rtmps.certificate());
    assertEquals(key, rtmps.privateKey());
  }

  @Test
  void anEnabledListenerWithAMissingFileNamesKeyValueAndExpectation() {
    Path missing = dir.resolve("missing.pem");

    ConfigException e =
        failure(
            "server:\n  listeners:\n    rtmps: {enabled: true, certificate: \""
                + missing
                + "\"}\n");

    assertEquals("server.listeners.rtmps.certificate", e.keyPath());
    assertEquals(
        "test.yaml: server.listeners.rtmps.certificate: value "
            + missing
            + " is invalid: expected a readable PEM file",
        e.getMessage());
  }

  @Test
  void anEnabledListenerWithTheDefaultFilesMissingNamesTheDefaultKey() {
    ConfigException e = failure("server:\n  listeners:\n    rtmps: {enabled: true}\n");

    assertEquals("server.listeners.rtmps.certificate", e.keyPath());
    assertTrue(e.getMessage().contains("conf/rtmps/certificate.pem"), e.getMessage());
  }

  @Test
  void aDisabledListenerDoesNotLookAtItsFiles() throws Exception {
    NimbusConfig config =
        NO_ENVIRONMENT.parse(
            "test.yaml", "server:\n  listeners:\n    rtmps: {certificate: /no/such/file.pem}\n");

    assertEquals(Path.of("/no/such/file.pem"), config.server().listeners().rtmps().certificate());
  }

  @Test
  void portOutOfRangeAndUnknownKeysAreRefused() {
    assertEquals(
        "test.yaml: server.listeners.rtmps.port: value 70000 is invalid:"
            + " expected an integer from 0 to 65535",
        failure("server:\n  listeners:\n    rtmps: {port: 70000}\n").getMessage());
    assertEquals(
        "server.listeners.rtmps.cert",
        failure("server:\n  listeners:\n    rtmps: {cert: a.pem}\n").keyPath());
  }
}
