package org.nimbusmedia.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void parsesAndSplitsTheUrl() {
    LoadOptions o =
        LoadOptions.parse(
            List.of(
                "--url",
                "rtmp://127.0.0.1:19351/live/stream",
                "--subscribers",
                "500",
                "--publishers",
                "2",
                "--bitrate",
                "2.5M",
                "--duration",
                "30",
                "--no-audio"));
    assertEquals(URI.create("rtmp://127.0.0.1:19351/live"), o.appUrl());
    assertEquals("stream", o.streamName(0));
    assertEquals("stream-1", o.streamName(1));
    assertEquals(500, o.subscribers());
    assertEquals(2_500_000, o.bitrate());
    assertEquals(Duration.ofSeconds(30), o.duration());
    assertFalse(o.audio());
  }

  @Test
  void subscribersPlayOverTheUrlsProtocolAndPublishersUseRtmp() {
    LoadOptions rtmfp = LoadOptions.parse(List.of("--url", "rtmfp://127.0.0.1:19352/live/s"));
    assertEquals("rtmfp", rtmfp.protocol());
    assertEquals(URI.create("rtmfp://127.0.0.1:19352/live"), rtmfp.appUrl());
    assertEquals(URI.create("rtmp://127.0.0.1:1935/live"), rtmfp.publishAppUrl());

    LoadOptions rtmpt =
        LoadOptions.parse(
            List.of(
                "--url",
                "rtmpt://127.0.0.1:8080/live/s",
                "--publish-url",
                "rtmp://127.0.0.1:19351/live/s"));
    assertEquals("rtmpt", rtmpt.protocol());
    assertEquals(URI.create("rtmp://127.0.0.1:19351/live"), rtmpt.publishAppUrl());

    assertThrows(
        IllegalArgumentException.class,
        () ->
            LoadOptions.parse(
                List.of(
                    "--url",
                    "rtmfp://127.0.0.1/live/s",
                    "--publish-url",
                    "rtmfp://127.0.0.1/live/s")));
  }

  @Test
  void enforcesCaps() {
    String url = "rtmp://127.0.0.1/live/s";
    for (List<String> bad :
        List.of(
            List.of("--url", url, "--subscribers", "10001"),
            List.of("--url", url, "--ramp", "0"),
            List.of("--url", url, "--duration", "3601"),
            List.of("--url", url, "--bitrate", "1G"),
            List.of("--url", url, "--threads", "65"),
            List.of("--url", "rtmp://127.0.0.1/live"),
            List.of("--url", "http://127.0.0.1/live/s"),
            List.of("--url", url, "--bogus"),
            List.of("--subscribers", "1"))) {
      assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(bad), bad.toString());
    }
  }

  @Test
  void bitrateUnits() {
    assertEquals(500_000, LoadOptions.bitrate("500k"));
    assertEquals(2_000_000, LoadOptions.bitrate("2M"));
    assertEquals(64_000, LoadOptions.bitrate("64000"));
    assertThrows(IllegalArgumentException.class, () -> LoadOptions.bitrate("fast"));
  }
}
