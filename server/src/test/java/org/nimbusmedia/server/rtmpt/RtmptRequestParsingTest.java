package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nimbusmedia.server.rtmpt.TunnelRequest.Command;

/** Request lines of the tunnel, {@code reference/fms4.md} section 3. */
class RtmptRequestParsingTest {
  @Test
  void identAndOpen() {
    assertEquals(
        Optional.of(new TunnelRequest(Command.IDENT2, "", 0)), TunnelRequest.parse("/fcs/ident2"));
    assertEquals(
        Optional.of(new TunnelRequest(Command.OPEN, "", 1)), TunnelRequest.parse("/open/1"));
  }

  @Test
  void sendIdleCloseCarryIdAndSequence() {
    assertEquals(
        Optional.of(new TunnelRequest(Command.SEND, "abc123", 0)),
        TunnelRequest.parse("/send/abc123/0"));
    assertEquals(
        Optional.of(new TunnelRequest(Command.IDLE, "Z9", 2147483647)),
        TunnelRequest.parse("/idle/Z9/2147483647"));
    assertEquals(
        Optional.of(new TunnelRequest(Command.CLOSE, "x", 17)),
        TunnelRequest.parse("/close/x/17?ignored=1"));
  }

  @Test
  void idOfTheMaximumLengthIsAccepted() {
    String id = "a".repeat(TunnelRequest.MAX_ID_LENGTH);
    assertEquals(
        Optional.of(new TunnelRequest(Command.SEND, id, 3)),
        TunnelRequest.parse("/send/" + id + "/3"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/index.html",
        "/fcs/ident",
        "/fcs/ident2/x",
        "/open/",
        "/open/x",
        "/send/",
        "/send/abc",
        "/send/abc/",
        "/send//1",
        "/send/ab-c/1",
        "/send/abc/1/2",
        "/send/abc/-1",
        "/send/abc/+1",
        "/send/abc/2147483648",
        "/send/abc/12345678901",
        "/idle/abc/9999999999",
        "/SEND/abc/1",
        "/poll/abc/1",
        "/send/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/1",
        "/send/é/1"
      })
  void everythingElseIsNotATunnelRequest(String path) {
    assertTrue(TunnelRequest.parse(path).isEmpty(), path);
  }
}
