package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.ExternalTool;
import org.nimbusmedia.server.testing.Ffmpeg;
import org.nimbusmedia.server.testing.TestClients;

/**
 * {@code client.checkBandwidth()} (FMS's native bandwidth check: {@code onBWCheck} calls, then
 * {@code onBWDone}) with our client, the check librtmp asks for with {@code _checkbw} (rtmpdump),
 * and {@code client.setBandwidthLimit} slowing what the server sends.
 */
class ClientBandwidthIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final String APP =
      """
      application.onConnect = function (client, mode) {
        application.acceptConnection(client);
        if (mode == "check") {
          client.checkBandwidth();
        } else if (mode == "hint") {
          // What FMS-era servers sent after connecting; librtmp answers with _checkbw.
          client.call("onBWDone");
        }
      };
      Client.prototype.limit = function (down, up) {
        this.setBandwidthLimit(down, up);
        return this.getBandwidthLimit(0) + "/" + this.getBandwidthLimit(1);
      };
      Client.prototype.flood = function (count, size) {
        var text = new Array(size + 1).join("x");
        for (var i = 0; i < count; i++) {
          this.call("chunk", null, text);
        }
        return count;
      };
      """;

  @TempDir Path work;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();

  @BeforeEach
  void start() throws Exception {
    Path apps = work.resolve("apps");
    Files.createDirectories(apps.resolve("bw"));
    Files.writeString(apps.resolve("bw/main.asc"), APP);
    nimbus = EmbeddedNimbus.startRtmp(apps);
  }

  @AfterEach
  void stop() {
    clients.close();
    nimbus.close();
  }

  @Test
  void checkBandwidthCallsOnBwCheckThenReportsTheRateInOnBwDone() throws Exception {
    List<Integer> payloads = new CopyOnWriteArrayList<>();
    CompletableFuture<List<Object>> done = new CompletableFuture<>();
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS);
    client.onCall(
        "onBWCheck",
        args -> {
          payloads.add(args.isEmpty() ? 0 : ((String) args.get(0)).length());
          return 0.0;
        });
    client.onCall(
        "onBWDone",
        args -> {
          done.complete(args);
          return null;
        });

    client.connect(nimbus.rtmpUri("bw"), "check").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<Object> figures = done.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(0, payloads.get(0), "the first onBWCheck measures the round trip, no data");
    int sent = payloads.size() - 1;
    assertTrue(sent >= 1 && sent <= 64, "payloads: " + sent);
    assertEquals(List.of(16384), payloads.subList(1, payloads.size()).stream().distinct().toList());
    assertEquals(4, figures.size(), figures.toString());
    assertEquals(sent * 16384 * 8 / 1000.0, figures.get(1), "deltaDown: kbit sent");
    double kbitDown = (Double) figures.get(0);
    double deltaTime = (Double) figures.get(2);
    assertEquals(Math.floor(sent * 16384 * 8 / deltaTime), kbitDown, "kbit/s = kbit / s");
    assertTrue((Double) figures.get(3) >= 0, "latency " + figures.get(3));
  }

  @Test
  void rtmpdumpAsksForTheCheckAndAnswersIt() throws Exception {
    ExternalTool.require("rtmpdump");
    try (ExternalTool dump =
        new Ffmpeg(work)
            .startRtmpdumpLive(
                nimbus.rtmpUri("bw/none").toString(),
                work.resolve("none.flv"),
                6,
                "-C",
                "S:hint",
                "-V")) {
      dump.waitFor(WAIT);
      String output = dump.output();
      assertTrue(output.contains("Invoking _checkbw"), output);
      assertTrue(output.contains("server invoking <_onbwcheck>"), output);
      assertTrue(output.contains("server invoking <_onbwdone>"), output);
    }
  }

  @Test
  void setBandwidthLimitSlowsWhatTheServerSends() throws Exception {
    RtmpClient client = clients.create(RtmpClientConfig.DEFAULTS);
    CountDownLatch received = new CountDownLatch(6);
    client.onCall(
        "chunk",
        args -> {
          received.countDown();
          return null;
        });
    client.connect(nimbus.rtmpUri("bw")).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    Object limits = client.call("limit", 100_000, 30_000).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("30000/100000", limits, "getBandwidthLimit(0) / getBandwidthLimit(1)");

    long start = System.nanoTime();
    client.call("flood", 6, 50_000).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(received.await(WAIT.toSeconds(), TimeUnit.SECONDS), "all chunks arrive");
    long millis = (System.nanoTime() - start) / 1_000_000;

    // 300 kB at 100 kB/s: the first second's budget goes at once, the rest takes 2 s more. The
    // bound is a lower one, so a slow machine cannot make it fail.
    assertTrue(millis >= 1500, "300 kB arrived in " + millis + " ms at 100 kB/s");
  }
}
