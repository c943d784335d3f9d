package org.nimbusmedia.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.RtmpClient;
import org.nimbusmedia.rtmp.client.RtmpClientConfig;
import org.nimbusmedia.server.config.StorageConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;
import org.slf4j.LoggerFactory;

/**
 * The access log of a publish/play session, read field by field against the {@code #Fields:}
 * header, with FMS's event names and x-status codes ({@code reference/fms4.md} section 5.3).
 */
class AccessLogIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path apps;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);

  @BeforeEach
  void capture() {
    lines.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    lines.start();
    accessLogger.addAppender(lines);
  }

  @AfterEach
  void release() {
    accessLogger.detachAppender(lines);
  }

  /** Each line as field name to value, by the header of {@link AccessLayout}. */
  private List<Map<String, String>> entries() {
    String[] names = AccessLayout.FIELDS_LINE.substring("#Fields: ".length()).split("\t");
    List<Map<String, String>> entries = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(lines.list)) {
      String[] values = event.getFormattedMessage().split("\t", -1);
      assertEquals(names.length, values.length, event.getFormattedMessage());
      Map<String, String> entry = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        entry.put(names[i], values[i]);
      }
      entries.add(entry);
    }
    return entries;
  }

  private static Map<String, String> only(List<Map<String, String>> entries, String event) {
    List<Map<String, String>> found =
        entries.stream().filter(e -> e.get("x-event").equals(event)).toList();
    assertEquals(1, found.size(), event + " lines: " + found);
    return found.get(0);
  }

  @Test
  void aPublishAndPlaySessionIsLoggedEventByEvent() throws Exception {
    String flashVer = "FMLE/3.0 (compatible; Nimbus test)";
    int port;
    String publisherId;
    String playerId;
    try (EmbeddedNimbus nimbus = EmbeddedNimbus.startRtmp(apps, "live");
        TestClients clients = new TestClients()) {
      port = nimbus.rtmpPort();
      RtmpClient publisherClient = clients.create(RtmpClientConfig.DEFAULTS.withFlashVer(flashVer));
      publisherClient
          .connect(nimbus.rtmpUri("live/room1?token=abc"))
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      ClientStream publisher =
          publisherClient.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      publisher.publish("cam?key=1", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      publisher.sendVideo(0, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 0x65}));

      RtmpClient playerClient = clients.connect(nimbus.rtmpUri("live/room1"));
      ClientStream player = playerClient.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      player.play("cam").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      // A frame sent after the play began (the first may reach the player before its play line).
      publisher.sendVideo(40, Unpooled.wrappedBuffer(new byte[] {0x27, 1, 0, 0, 0, 0x41}));
      player.awaitMedia(media -> media.timestamp() >= 40, WAIT);
      player.closeStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      player.awaitStatus("NetStream.Play.Stop", WAIT);
      publisher.closeStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      publisher.awaitStatus("NetStream.Unpublish.Success", WAIT);

      RtmpClient stranger = clients.create(RtmpClientConfig.DEFAULTS);
      try {
        stranger.connect(nimbus.rtmpUri("nosuchapp")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException expected) {
        // NetConnection.Connect.Rejected
      }
      List<Map<String, String>> connected = entries();
      publisherId = only(connected, "publish").get("c-client-id");
      playerId = only(connected, "play").get("c-client-id");
    }
    List<Map<String, String>> entries = entries();
    List<String> events = entries.stream().map(e -> e.get("x-event")).toList();

    // The order FMS writes them in, for this session.
    assertEquals(
        List.of(
            "server-start",
            "app-start",
            "connect-pending",
            "connect",
            "publish",
            "connect-pending",
            "connect",
            "play",
            "stop",
            "unpublish",
            "connect"),
        events.subList(0, 11));
    assertTrue(
        events.containsAll(List.of("disconnect", "app-stop", "server-stop")), events.toString());
    assertEquals("server-stop", events.get(events.size() - 1));

    Map<String, String> publish = only(entries, "publish");
    assertEquals("stream", publish.get("x-category"));
    assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), publish.get("date"));
    assertTrue(publish.get("time").matches("\\d\\d:\\d\\d:\\d\\d"), publish.get("time"));
    assertEquals("UTC", publish.get("tz"));
    assertEquals("_defaultVHost_", publish.get("x-vhost"));
    assertEquals("live", publish.get("x-app"));
    assertEquals("room1", publish.get("x-appinst"));
    assertEquals("200", publish.get("x-status"));
    assertEquals("127.0.0.1", publish.get("c-ip"));
    assertEquals("rtmp", publish.get("c-proto"));
    assertEquals("rtmp://127.0.0.1:" + port + "/live/room1?token=abc", publish.get("s-uri"));
    assertEquals("rtmp://127.0.0.1:" + port + "/live/room1", publish.get("cs-uri-stem"));
    assertEquals("token=abc", publish.get("cs-uri-query"));
    // Spaces, parentheses and semicolons of the user agent: only RFC 1738's unsafe ones escaped.
    assertEquals("FMLE/3.0%20(compatible;%20Nimbus%20test)", publish.get("c-user-agent"));
    // The live stream's name: the query of "cam?key=1" does not name another stream.
    assertEquals("cam", publish.get("x-sname"));
    assertEquals("1", publish.get("x-sid"));
    assertEquals("-", publish.get("x-file-name"));
    assertTrue(Long.parseLong(publish.get("cs-bytes")) > 0);

    Map<String, String> play = only(entries, "play");
    assertEquals(playerId, play.get("c-client-id"));
    assertEquals("cam", play.get("x-sname"));
    assertEquals("200", play.get("x-status"));
    Map<String, String> stop = only(entries, "stop");
    assertEquals(playerId, stop.get("c-client-id"));
    assertTrue(stop.get("x-duration").matches("\\d+"), stop.get("x-duration"));
    assertTrue(
        Long.parseLong(stop.get("sc-bytes")) > Long.parseLong(play.get("sc-bytes")),
        "the player received the frame between play and stop");
    assertEquals(publisherId, only(entries, "unpublish").get("c-client-id"));

    List<Map<String, String>> connects =
        entries.stream().filter(e -> e.get("x-event").equals("connect")).toList();
    assertEquals(
        List.of("200", "200", "404"), connects.stream().map(e -> e.get("x-status")).toList());
    assertEquals("session", connects.get(0).get("x-category"));
    assertEquals(
        List.of("100", "100"),
        entries.stream()
            .filter(e -> e.get("x-event").equals("connect-pending"))
            .map(e -> e.get("x-status"))
            .toList());
    List<Map<String, String>> disconnects =
        entries.stream().filter(e -> e.get("x-event").equals("disconnect")).toList();
    assertEquals(2, disconnects.size());
    assertTrue(
        disconnects.stream().allMatch(e -> e.get("x-duration").matches("\\d+")),
        disconnects.toString());

    Map<String, String> appStop = only(entries, "app-stop");
    assertEquals("live", appStop.get("x-app"));
    assertEquals("room1", appStop.get("x-appinst"));
    assertEquals("Application.Shutdown", appStop.get("x-comment"));
    assertEquals("application", appStop.get("x-category"));
    assertEquals("server", only(entries, "server-start").get("x-category"));
  }

  @Test
  void aRecordingIsLoggedWithItsFile() throws Exception {
    Path recordings = apps.resolve("recordings");
    try (EmbeddedNimbus nimbus =
            EmbeddedNimbus.start(
                apps.resolve("apps"),
                config -> config.withStorage(new StorageConfig(recordings, apps.resolve("so"))),
                "live");
        TestClients clients = new TestClients()) {
      RtmpClient client = clients.connect(nimbus.rtmpUri("live"));
      ClientStream publisher = client.createStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      publisher.publish("show", "record").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      publisher.awaitStatus("NetStream.Record.Start", WAIT);
      publisher.sendVideo(0, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 0x65}));
      publisher.closeStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      publisher.awaitStatus("NetStream.Record.Stop", WAIT);
    }
    List<Map<String, String>> entries = entries();
    List<String> events = entries.stream().map(e -> e.get("x-event")).toList();
    assertTrue(events.indexOf("publish") < events.indexOf("record"), events.toString());
    assertTrue(events.indexOf("record") < events.indexOf("recordstop"), events.toString());

    Map<String, String> record = only(entries, "record");
    assertEquals("show", record.get("x-sname"));
    assertEquals("200", record.get("x-status"));
    Path file = Path.of(record.get("x-file-name"));
    assertTrue(file.startsWith(recordings) && file.endsWith("show.flv"), file.toString());
    Map<String, String> recordStop = only(entries, "recordstop");
    assertEquals(record.get("x-file-name"), recordStop.get("x-file-name"));
    assertTrue(recordStop.get("x-duration").matches("\\d+"), recordStop.get("x-duration"));
  }
}
