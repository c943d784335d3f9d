package org.nimbusmedia.rtmfp.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The connector's small parts: targets and their URLs, the config, and the failure's message. */
class FallbackPartsTest {

  @Test
  void targetDefaultsToFmsPortsAndNamesEachProtocolsUrl() {
    FallbackTarget target = FallbackTarget.of("media.example.test", "meeting/room1");

    assertEquals(
        URI.create("rtmfp://media.example.test:1935/meeting/room1"), target.uri(Protocol.RTMFP));
    assertEquals(
        URI.create("rtmp://media.example.test:1935/meeting/room1"), target.uri(Protocol.RTMP));
    assertEquals(
        URI.create("rtmpt://media.example.test:80/meeting/room1"), target.uri(Protocol.RTMPT));
    assertEquals(8080, target.withPort(Protocol.RTMPT, 8080).port(Protocol.RTMPT));
    assertEquals(1935, target.withPort(Protocol.RTMPT, 8080).port(Protocol.RTMP));
  }

  @Test
  void anIpv6HostIsBracketedInUrls() {
    assertEquals(
        URI.create("rtmp://[::1]:1935/live"), FallbackTarget.of("::1", "live").uri(Protocol.RTMP));
  }

  @Test
  void badTargetsAreRefusedNamingTheField() {
    assertThrows(IllegalArgumentException.class, () -> FallbackTarget.of("", "live"));
    assertThrows(IllegalArgumentException.class, () -> FallbackTarget.of("h", "/live"));
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class, () -> new FallbackTarget("h", "live", 0, 1935, 80));
    assertTrue(port.getMessage().contains("rtmfpPort"), port.getMessage());
  }

  @Test
  void defaultsAreRtmfpThenRtmpThenRtmptOneAfterTheOtherFiveSecondsEach() {
    assertEquals(
        List.of(Protocol.RTMFP, Protocol.RTMP, Protocol.RTMPT), FallbackConfig.DEFAULTS.order());
    assertEquals(Mode.SEQUENTIAL, FallbackConfig.DEFAULTS.mode());
    assertEquals(Duration.ofSeconds(5), FallbackConfig.DEFAULTS.attemptTimeout());
  }

  @Test
  void anEmptyOrRepeatingOrderAndANonPositiveTimeoutAreRefused() {
    FallbackConfig config = FallbackConfig.DEFAULTS;
    assertThrows(IllegalArgumentException.class, () -> config.withOrder(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> config.withOrder(List.of(Protocol.RTMP, Protocol.RTMP)));
    assertThrows(IllegalArgumentException.class, () -> config.withAttemptTimeout(Duration.ZERO));
  }

  @Test
  void theFailureNamesEveryAttemptItsUrlAndItsReason() {
    FallbackTarget target = FallbackTarget.of("10.0.0.1", "live");
    FallbackException failure =
        new FallbackException(
            target,
            List.of(
                new Attempt(
                    Protocol.RTMFP,
                    target.uri(Protocol.RTMFP),
                    Duration.ofMillis(5001),
                    new TimeoutException("no answer within 5000 ms")),
                new Attempt(
                    Protocol.RTMP,
                    target.uri(Protocol.RTMP),
                    Duration.ofMillis(3),
                    new ConnectException("Connection refused"))));

    assertEquals(
        "no protocol connected to 10.0.0.1/live: "
            + "RTMFP rtmfp://10.0.0.1:1935/live failed after 5001 ms: no answer within 5000 ms; "
            + "RTMP rtmp://10.0.0.1:1935/live failed after 3 ms: Connection refused",
        failure.getMessage());
    assertEquals(2, failure.attempts().size());
  }
}
