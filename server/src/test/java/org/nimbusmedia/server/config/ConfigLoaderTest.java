package org.nimbusmedia.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final ConfigLoader NO_ENVIRONMENT = new ConfigLoader(name -> null);

  private static ConfigException failure(String yaml) {
    return assertThrows(ConfigException.class, () -> NO_ENVIRONMENT.parse("test.yaml", yaml));
  }

  @Test
  void bundledFileDocumentsExactlyTheDefaults() throws Exception {
    NimbusConfig bundled = NO_ENVIRONMENT.load(Path.of("..", "conf", "nimbus.yaml"));

    assertEquals(NimbusConfig.defaults(), bundled);
  }

  @Test
  void emptyFileGivesDefaults() throws Exception {
    assertEquals(NimbusConfig.defaults(), NO_ENVIRONMENT.parse("test.yaml", "# nothing\n"));
  }

  @Test
  void readsTypedValues() throws Exception {
    NimbusConfig config =
        NO_ENVIRONMENT.parse(
            "test.yaml",
            """
            server:
              listeners:
                rtmp: {port: 19350, bind: "::1"}
                rtmfp: {enabled: false}
            limits:
              handshakeTimeout: 1500ms
              maxChunkSize: 2147483647
            applications:
              directory: /srv/apps
            """);

    assertEquals(19350, config.server().listeners().rtmp().port());
    assertEquals("::1", config.server().listeners().rtmp().bind());
    assertTrue(config.server().listeners().rtmp().enabled());
    assertEquals(false, config.server().listeners().rtmfp().enabled());
    assertEquals(1935, config.server().listeners().rtmfp().port());
    assertEquals(Duration.ofMillis(1500), config.limits().handshakeTimeout());
    assertEquals(Integer.MAX_VALUE, config.limits().maxChunkSize());
    assertEquals(Path.of("/srv/apps"), config.applications().directory());
  }

  @Test
  void substitutesEnvironmentVariablesAndDefaults() throws Exception {
    Map<String, String> env = Map.of("RTMP_PORT", "2935");
    ConfigLoader loader = new ConfigLoader(env::get);

    NimbusConfig config =
        loader.parse(
            "test.yaml",
            """
            server:
              listeners:
                rtmp: {port: ${RTMP_PORT}}
                rtmpt: {port: ${RTMPT_PORT:-8081}, bind: "${BIND:-}127.0.0.1"}
            """);

    assertEquals(2935, config.server().listeners().rtmp().port());
    assertEquals(8081, config.server().listeners().rtmpt().port());
    assertEquals("127.0.0.1", config.server().listeners().rtmpt().bind());
  }

  @Test
  void unsetVariableWithoutDefaultNamesTheVariableAndLine() {
    ConfigException e = failure("server:\n  listeners:\n    rtmp: {port: ${NO_SUCH_PORT}}\n");

    assertEquals(
        "test.yaml line 3: environment variable NO_SUCH_PORT is not set: expected it to be set,"
            + " or a default written as ${NO_SUCH_PORT:-value}",
        e.getMessage());
  }

  @Test
  void commentLinesAreNotSubstituted() throws Exception {
    assertEquals(
        NimbusConfig.defaults(),
        NO_ENVIRONMENT.parse("test.yaml", "# port: ${UNSET_IN_COMMENT}\n"));
  }

  @Test
  void unknownKeyNamesPathAndKnownKeys() {
    ConfigException e = failure("server:\n  listeners:\n    rtmp: {prot: 1935}\n");

    assertEquals("server.listeners.rtmp.prot", e.keyPath());
    assertEquals(
        "test.yaml: server.listeners.rtmp.prot: unknown key: expected one of bind, enabled, port",
        e.getMessage());
  }

  @Test
  void outOfRangeValueNamesKeyValueAndRange() {
    ConfigException e = failure("server:\n  listeners:\n    rtmp: {port: 70000}\n");

    assertEquals(
        "test.yaml: server.listeners.rtmp.port: value 70000 is invalid:"
            + " expected an integer from 0 to 65535",
        e.getMessage());
  }

  @Test
  void outOfRangeDurationNamesKeyValueAndRange() {
    ConfigException e = failure("limits:\n  handshakeTimeout: 2h\n");

    assertEquals(
        "test.yaml: limits.handshakeTimeout: value 2h is invalid:"
            + " expected a duration from 100ms to 10m",
        e.getMessage());
  }

  @Test
  void slowReaderLimitsBelowTheSocketWaterMarkAreRejected() {
    ConfigException stall = failure("rtmp:\n  maxWriteStall: 100ms\n");
    ConfigException bytes = failure("rtmp:\n  maxOutboundBytes: 65536\n");

    assertEquals(
        "test.yaml: rtmp.maxWriteStall: value 100ms is invalid:"
            + " expected a duration from 500ms to 10m",
        stall.getMessage());
    assertEquals(
        "test.yaml: rtmp.maxOutboundBytes: value 65536 is invalid:"
            + " expected an integer from 524288 to 2147483647",
        bytes.getMessage());
  }

  @Test
  void stringWhereIntegerBelongsIsRejected() {
    ConfigException e = failure("rtmp:\n  outChunkSize: \"4096\"\n");

    assertEquals("rtmp.outChunkSize", e.keyPath());
    assertTrue(e.getMessage().contains("expected an integer"), e.getMessage());
  }

  @Test
  void wordWhereIntegerBelongsIsRejectedWithTheValue() {
    ConfigException e = failure("rtmp:\n  outChunkSize: big\n");

    assertEquals("rtmp.outChunkSize", e.keyPath());
    assertTrue(e.getMessage().contains("\"big\""), e.getMessage());
    assertTrue(e.getMessage().contains("expected an integer"), e.getMessage());
  }

  @Test
  void fractionWhereIntegerBelongsIsRejected() {
    ConfigException e = failure("limits:\n  maxConnections: 1.5\n");

    assertEquals("limits.maxConnections", e.keyPath());
    assertTrue(e.getMessage().contains("expected an integer"), e.getMessage());
  }

  @Test
  void meetingMeshLimitOutOfRangeIsRejected() {
    ConfigException e = failure("live:\n  meetings:\n    meshLimit: 17\n");

    assertEquals("live.meetings.meshLimit", e.keyPath());
    assertTrue(e.getMessage().contains("17"), e.getMessage());
  }

  @Test
  void liveQueueDelayOutOfRangeIsRejected() {
    ConfigException e = failure("live:\n  queue:\n    maxDelay: 3s\n");

    assertEquals("live.queue.maxDelay", e.keyPath());
    assertTrue(e.getMessage().contains("a duration from 0ms to 2s"), e.getMessage());
  }

  @Test
  void liveQueueDefaultsToFourKilobytesAndFiftyMilliseconds() throws Exception {
    LiveQueueConfig queue = LiveConfig.defaults().queue();

    assertEquals(Duration.ofMillis(50), queue.maxDelay());
    assertEquals(4096, queue.maxSize());
    assertTrue(queue.flushOnData());
    assertEquals(100, queue.minSubscribers());
  }

  @Test
  void liveQueueNegativeMinSubscribersIsRejected() {
    ConfigException e = failure("live:\n  queue:\n    minSubscribers: -1\n");

    assertEquals("live.queue.minSubscribers", e.keyPath());
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void malformedDurationIsRejectedWithTheSyntax() {
    ConfigException e = failure("live:\n  publishTimeout: 2 parsecs\n");

    assertEquals(
        "test.yaml: live.publishTimeout: value \"2 parsecs\" is invalid:"
            + " expected a duration such as 500ms, 10s, 5m, 1h or 2d",
        e.getMessage());
  }

  @Test
  void wordWhereBooleanBelongsIsRejected() {
    ConfigException e = failure("server:\n  listeners:\n    admin: {enabled: maybe}\n");

    assertEquals("server.listeners.admin.enabled", e.keyPath());
    assertTrue(e.getMessage().contains("expected true or false"), e.getMessage());
  }

  @Test
  void listWhereSectionBelongsIsRejected() {
    ConfigException e = failure("limits: [1, 2]\n");

    assertEquals("limits", e.keyPath());
    assertTrue(e.getMessage().contains("expected a section of keys"), e.getMessage());
  }

  @Test
  void duplicateKeyIsRejected() {
    ConfigException e = failure("rtmp:\n  outChunkSize: 4096\n  outChunkSize: 8192\n");

    assertTrue(e.getMessage().contains("outChunkSize"), e.getMessage());
  }

  @Test
  void brokenYamlNamesTheLine() {
    ConfigException e = failure("server:\n  listeners: a: b\n");

    assertTrue(e.getMessage().startsWith("test.yaml line "), e.getMessage());
    assertTrue(e.getMessage().contains("is not valid YAML"), e.getMessage());
  }

  @Test
  void missingFileIsAConfigError() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> NO_ENVIRONMENT.load(Path.of("no", "such", "file.yaml")));

    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
  }

  @Test
  void readsTheTunnelSettings() throws Exception {
    NimbusConfig config =
        NO_ENVIRONMENT.parse(
            "test.yaml",
            """
            rtmpt:
              pollingIntervals: [1, 4, 16]
              emptyRepliesPerStep: 5
              idleTimeout: 30s
              maxBufferedBytes: 1048576
              ident2: 192.0.2.7
            """);

    assertEquals(
        new RtmptConfig(List.of(1, 4, 16), 5, Duration.ofSeconds(30), 1_048_576, "192.0.2.7"),
        config.rtmpt());
  }

  @Test
  void badTunnelSettingsNameKeyValueAndExpectation() {
    assertEquals(
        "test.yaml: rtmpt.pollingIntervals: value [1, 9, 3] is invalid:"
            + " expected 1 to 16 polling bytes from 1 to 255, shortest first",
        failure("rtmpt:\n  pollingIntervals: [1, 9, 3]\n").getMessage());
    assertEquals(
        "test.yaml: rtmpt.pollingIntervals: value [0, 3] is invalid:"
            + " expected 1 to 16 polling bytes from 1 to 255, shortest first",
        failure("rtmpt:\n  pollingIntervals: [0, 3]\n").getMessage());
    assertEquals(
        "test.yaml: rtmpt.maxBufferedBytes: value 1000 is invalid:"
            + " expected an integer from 524288 to 268435456",
        failure("rtmpt:\n  maxBufferedBytes: 1000\n").getMessage());
    assertEquals(
        "test.yaml: rtmpt.ident2: value \"a b\" is invalid:"
            + " expected empty, or a host name or IP address",
        failure("rtmpt:\n  ident2: a b\n").getMessage());
    assertTrue(failure("rtmpt:\n  idleTimeout: 0s\n").getMessage().contains("rtmpt.idleTimeout"));
  }
}
