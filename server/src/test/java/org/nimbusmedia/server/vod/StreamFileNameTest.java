package org.nimbusmedia.server.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stream names as file paths, FMS style, and the names that are refused before any file call. */
class StreamFileNameTest {
  @Test
  void namesMapToFilesAsFmsDoes() {
    assertEquals(
        new StreamFileName(StreamFileName.Format.FLV, List.of("clip.flv")),
        StreamFileName.parse("clip").orElseThrow());
    assertEquals(
        List.of("a/b.flv"), StreamFileName.parse("flv:a/b?token=1").orElseThrow().candidates());
    assertEquals(List.of("clip.flv"), StreamFileName.parse("clip.flv").orElseThrow().candidates());
    assertEquals(
        new StreamFileName(StreamFileName.Format.MP4, List.of("clip.f4v")),
        StreamFileName.parse("mp4:clip.f4v").orElseThrow());
    assertEquals(
        List.of("clip.mp4", "clip.f4v", "clip"),
        StreamFileName.parse("mp4:clip").orElseThrow().candidates());
    assertEquals(
        StreamFileName.Format.MP4, StreamFileName.parse("clip.mp4").orElseThrow().format());
    assertEquals(Optional.of("show.flv"), StreamFileName.forRecording("show?x=1"));
    assertEquals(Optional.empty(), StreamFileName.forRecording("mp4:show.mp4"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "a/../../x",
        "/etc/passwd",
        "mp4:/etc/passwd",
        "flv:../x",
        "a\\..\\x",
        "a\u0000b",
        "a\nb",
        "./x",
        "a//b",
        "c:/x",
        "%2e%2e/x",
        ""
      })
  void escapesAreRefused(String name) {
    assertTrue(StreamFileName.parse(name).isEmpty(), name);
    assertTrue(StreamFileName.forRecording(name).isEmpty(), name);
  }

  @Test
  void escapeAttemptsAreToldFromOddLiveNames() {
    for (String escape : List.of("../x", "/abs", "flv:/abs", "a\\b", "a\u0000b", "x/..")) {
      assertTrue(StreamFileName.isEscape(escape), escape);
    }
    for (String live : List.of("live", "room/cam?token=..", "mp4:a.mp4", "a:b", "50%")) {
      assertFalse(StreamFileName.isEscape(live), live);
    }
  }
}
