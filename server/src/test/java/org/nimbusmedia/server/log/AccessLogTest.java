package org.nimbusmedia.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.app.AppAddress;
import org.nimbusmedia.server.testing.ManualClock;

/** Access log lines: fields in header order, W3C escaping, durations (fms4.md section 5.3). */
class AccessLogTest {
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T03:04:05Z"));
  private final AccessLog log;

  AccessLogTest() {
    lines.setContext(context);
    lines.start();
    Logger logger = context.getLogger(AccessLog.LOGGER);
    logger.addAppender(lines);
    log = new AccessLog(logger, clock, "10.0.0.1");
  }

  private LoggedClient client() {
    return new LoggedClient(
        "7",
        "192.0.2.9",
        "rtmpt",
        new AppAddress("vod", "_definst_"),
        "rtmpt://example.org/vod?user=a b",
        "http://example.org/player.swf",
        "WIN 10,1,53,64",
        1234,
        5678,
        clock.millis());
  }

  private List<String> fields(int line) {
    return List.of(lines.list.get(line).getFormattedMessage().split("\t", -1));
  }

  @Test
  void headerNamesEveryFieldInTheOrderTheyAreWritten() {
    assertEquals(
        "#Fields: x-event\tx-category\tdate\ttime\ttz\tx-ctx\ts-ip\tx-pid\tx-vhost\tx-app\t"
            + "x-appinst\tx-duration\tx-status\tc-ip\tc-proto\ts-uri\tcs-uri-stem\tcs-uri-query\t"
            + "c-referrer\tc-user-agent\tc-client-id\tcs-bytes\tsc-bytes\tx-sname\tx-file-name\t"
            + "x-sid\tx-comment",
        AccessLayout.FIELDS_LINE);
    assertEquals(
        "#Software: Nimbus\n#Version: 1.0\n" + AccessLayout.FIELDS_LINE,
        new AccessLayout().getFileHeader());
  }

  @Test
  void aConnectLineCarriesTheClientEscaped() {
    log.connect(client(), AccessLog.OK);

    List<String> f = fields(0);
    assertEquals(AccessField.values().length, f.size());
    assertEquals("connect", f.get(AccessField.X_EVENT.ordinal()));
    assertEquals("session", f.get(AccessField.X_CATEGORY.ordinal()));
    assertEquals("2026-11-21", f.get(AccessField.DATE.ordinal()));
    assertEquals("03:04:05", f.get(AccessField.TIME.ordinal()));
    assertEquals("10.0.0.1", f.get(AccessField.S_IP.ordinal()));
    assertEquals(Long.toString(ProcessHandle.current().pid()), f.get(AccessField.X_PID.ordinal()));
    assertEquals("vod", f.get(AccessField.X_APP.ordinal()));
    assertEquals("_definst_", f.get(AccessField.X_APPINST.ordinal()));
    assertEquals("200", f.get(AccessField.X_STATUS.ordinal()));
    assertEquals("rtmpt", f.get(AccessField.C_PROTO.ordinal()));
    assertEquals("rtmpt://example.org/vod?user=a%20b", f.get(AccessField.S_URI.ordinal()));
    assertEquals("rtmpt://example.org/vod", f.get(AccessField.CS_URI_STEM.ordinal()));
    assertEquals("user=a%20b", f.get(AccessField.CS_URI_QUERY.ordinal()));
    assertEquals("WIN%2010,1,53,64", f.get(AccessField.C_USER_AGENT.ordinal()));
    assertEquals("1234", f.get(AccessField.CS_BYTES.ordinal()));
    assertEquals("5678", f.get(AccessField.SC_BYTES.ordinal()));
    assertEquals("-", f.get(AccessField.X_SNAME.ordinal()));
    assertEquals("-", f.get(AccessField.X_DURATION.ordinal()));
  }

  @Test
  void escapingKeepsEveryValueInItsField() {
    assertEquals("-", AccessLog.escape(""));
    assertEquals("a%09b%0Ac%25d", AccessLog.escape("a\tb\nc%d"));
    assertEquals("%22%3C%3E%23%7B%7D%7C%5C%5E%7E%5B%5D%60", AccessLog.escape("\"<>#{}|\\^~[]`"));
    assertEquals("caf%C3%A9", AccessLog.escape("café"));
  }

  @Test
  void endEventsCarryTheirDuration() {
    LoggedClient client = client();
    log.play(client, 1, "show", AccessLog.OK);
    log.record(client, 2, "show", "show.flv");
    clock.advance(Duration.ofSeconds(42));
    log.stop(client, 1, "show");
    log.recordStop(client, 2, "show", "show.flv", 42_500);
    clock.advance(Duration.ofSeconds(8));
    log.disconnect(client);

    assertEquals("stop", fields(2).get(AccessField.X_EVENT.ordinal()));
    assertEquals("42", fields(2).get(AccessField.X_DURATION.ordinal()));
    assertEquals("1", fields(2).get(AccessField.X_SID.ordinal()));
    assertEquals("record", fields(1).get(AccessField.X_EVENT.ordinal()));
    assertEquals("show.flv", fields(1).get(AccessField.X_FILE_NAME.ordinal()));
    assertEquals("recordstop", fields(3).get(AccessField.X_EVENT.ordinal()));
    assertEquals("42", fields(3).get(AccessField.X_DURATION.ordinal()));
    assertEquals("disconnect", fields(4).get(AccessField.X_EVENT.ordinal()));
    assertEquals("50", fields(4).get(AccessField.X_DURATION.ordinal()));
  }

  @Test
  void refusedPlaysAndServerEventsHaveTheirStatusCodes() {
    log.connectPending(client());
    log.play(client(), 1, "missing", AccessLog.NOT_FOUND);
    log.appStop(new AppAddress("vod", "_definst_"), "Application.GC");
    log.serverStop("Nimbus 0.1");

    assertEquals("100", fields(0).get(AccessField.X_STATUS.ordinal()));
    assertEquals("404", fields(1).get(AccessField.X_STATUS.ordinal()));
    assertEquals("Application.GC", fields(2).get(AccessField.X_COMMENT.ordinal()));
    assertEquals("vod/_definst_", fields(2).get(AccessField.X_CTX.ordinal()));
    assertEquals("server-stop", fields(3).get(AccessField.X_EVENT.ordinal()));
    assertEquals("Nimbus%200.1", fields(3).get(AccessField.X_CTX.ordinal()));
  }
}
