package org.nimbusmedia.rtmp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.amf.AmfObject;

/** The client's small parts: URL parsing, config validation, the event log. */
class RtmpClientPartsTest {

  @Test
  void urlGivesHostPortAppAndTcUrlAsFlashPlayerSendsThem() {
    RtmpUrl url = RtmpUrl.parse(URI.create("rtmp://media.example.test/live/room1"));
    assertEquals("media.example.test", url.host());
    assertEquals(1935, url.port());
    assertEquals("live/room1", url.app());
    assertEquals("rtmp://media.example.test/live/room1", url.tcUrl());

    RtmpUrl withPort = RtmpUrl.parse(URI.create("rtmp://127.0.0.1:19350/vod/?token=x"));
    assertEquals(19350, withPort.port());
    assertEquals("vod?token=x", withPort.app());
    assertFalse(withPort.secure());
  }

  @Test
  void rtmpsUrlIsSecureOnPort443UnlessItNamesOne() {
    RtmpUrl url = RtmpUrl.parse(URI.create("rtmps://media.example.test/live"));
    assertTrue(url.secure());
    assertEquals(443, url.port());
    assertEquals("live", url.app());
    assertEquals("rtmps://media.example.test/live", url.tcUrl());

    assertEquals(19443, RtmpUrl.parse(URI.create("RTMPS://127.0.0.1:19443/live")).port());
  }

  @Test
  void rtmptUrlIsTunnelledOnPort80UnlessItNamesOne() {
    RtmpUrl url = RtmpUrl.parse(URI.create("rtmpt://media.example.test/live"));
    assertTrue(url.tunnelled());
    assertFalse(url.secure());
    assertEquals(80, url.port());
    assertEquals("rtmpt://media.example.test/live", url.tcUrl());

    assertEquals(8080, RtmpUrl.parse(URI.create("RTMPT://127.0.0.1:8080/live")).port());
    assertFalse(RtmpUrl.parse(URI.create("rtmp://127.0.0.1/live")).tunnelled());
  }

  @Test
  void urlWithoutRtmpSchemeHostOrAppIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse(URI.create("http://h/live")));
    assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse(URI.create("rtmp:///live")));
    assertThrows(IllegalArgumentException.class, () -> RtmpUrl.parse(URI.create("rtmp://h/")));
  }

  @Test
  void configRejectsOutOfRangeValuesNamingTheField() {
    RtmpClientConfig defaults = RtmpClientConfig.DEFAULTS;
    IllegalArgumentException timeout =
        assertThrows(
            IllegalArgumentException.class, () -> defaults.withConnectTimeout(Duration.ZERO));
    assertTrue(timeout.getMessage().contains("connectTimeout"));
    IllegalArgumentException chunk =
        assertThrows(IllegalArgumentException.class, () -> defaults.withOutboundChunkSize(0));
    assertTrue(chunk.getMessage().contains("outboundChunkSize"));
    assertThrows(IllegalArgumentException.class, () -> defaults.withBufferMillis(-1));
    assertThrows(IllegalArgumentException.class, () -> defaults.withMediaQueueCapacity(-1));
    assertThrows(NullPointerException.class, () -> defaults.withFlashVer(null));
  }

  @Test
  void eventLogHandsEventsToWaitersInOrderAndKeepsTheRest() {
    EventLog<String> log = new EventLog<>(2);
    CompletableFuture<String> waiter = log.next(s -> s.startsWith("b"));
    log.add("a1");
    log.add("b1");
    assertEquals("b1", waiter.join());
    log.add("a2");
    log.add("a3");
    // Capacity 2: a1 was dropped.
    assertEquals(List.of("a2", "a3"), log.snapshot());
    assertEquals(1, log.dropped());
    assertEquals("a2", log.next(s -> true).join());
    CompletableFuture<String> pending = log.next(s -> s.equals("z"));
    log.failWaiters(new IllegalStateException("closed"));
    assertTrue(pending.isCompletedExceptionally());
    // After closing, kept events can still be taken; waiting for more fails at once.
    assertEquals("a3", log.next(s -> true).join());
    assertTrue(log.next(s -> true).isCompletedExceptionally());
  }

  @Test
  void statusEventAndExceptionReadTheInfoObject() {
    AmfObject info =
        AmfObject.of(
            "level", "error",
            "code", "NetConnection.Connect.Rejected",
            "description", "nope",
            "application", "why");
    StatusEvent event = new StatusEvent(0, info);
    assertTrue(event.isError());
    assertEquals("NetConnection.Connect.Rejected", event.code());
    RtmpStatusException e = new RtmpStatusException("connect to rtmp://h/a", info);
    assertEquals("why", e.application());
    assertEquals(
        "connect to rtmp://h/a failed: NetConnection.Connect.Rejected (nope)", e.getMessage());
    assertFalse(new StatusEvent(1, AmfObject.of("level", "status")).isError());
  }

  @Test
  void receivedMediaKnowsKeyframesAndDataNames() {
    assertTrue(
        new ReceivedMedia(ReceivedMedia.Kind.VIDEO, 1, 0, new byte[] {0x17}, List.of())
            .isKeyframe());
    assertFalse(
        new ReceivedMedia(ReceivedMedia.Kind.VIDEO, 1, 0, new byte[] {0x27}, List.of())
            .isKeyframe());
    assertEquals(
        "onMetaData",
        new ReceivedMedia(ReceivedMedia.Kind.DATA, 1, 0, new byte[0], List.of("onMetaData"))
            .dataName());
  }
}
