package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.config.LimitsConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.RawRtmpSocket;

/**
 * Malformed and hostile input closes the one connection that sent it; the server and a client
 * connected alongside keep working. Limits come from {@code limits.*} in the config.
 */
class RtmpBadInputIT {
  @TempDir Path apps;
  private EmbeddedNimbus nimbus;
  private RawRtmpSocket bystander;

  @BeforeEach
  void start() throws Exception {
    nimbus =
        EmbeddedNimbus.start(
            apps,
            config ->
                config.withLimits(
                    new LimitsConfig(
                        100, 20, 10, 1024 * 1024, null, 8, Duration.ofMillis(500), null)),
            "live");
    bystander = new RawRtmpSocket(nimbus.rtmpPort());
    bystander.handshake();
  }

  @AfterEach
  void stop() throws Exception {
    // The bystander connected before the bad client and must still be served afterwards:
    // a Set Chunk Size it sends is accepted without the connection closing.
    bystander.send(RawRtmpSocket.type0Header(2, 4, 1));
    bystander.send(new byte[] {0, 0, 0x10, 0});
    assertTrue(freshClientCompletesHandshake(), "the server still answers new clients");
    bystander.close();
    nimbus.close();
  }

  /**
   * Sockets a test closed may still count against the limits until the server has seen them close,
   * so a refused attempt is retried a bounded number of times.
   */
  private boolean freshClientCompletesHandshake() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (RawRtmpSocket fresh = new RawRtmpSocket(nimbus.rtmpPort())) {
        fresh.handshake();
        return true;
      } catch (EOFException | SocketException refused) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  @Test
  void httpRequestOnTheRtmpPortIsClosed() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      assertTrue(client.closedByServer());
    }
  }

  @Test
  void truncatedHandshakeIsClosedAfterTheTimeout() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      byte[] halfC1 = new byte[1 + 700];
      halfC1[0] = 3;
      client.send(halfC1);

      assertTrue(client.closedByServer(), "limits.handshakeTimeout 500ms closes it");
    }
  }

  @Test
  void messageLongerThanTheLimitIsClosedBeforeItArrives() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      client.handshake();
      client.send(RawRtmpSocket.type0Header(3, 0xFFFFFF, 0x14)); // 16 MiB announced, 1 MiB allowed

      assertTrue(client.closedByServer());
    }
  }

  @Test
  void chunkStreamFloodIsClosed() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      client.handshake();
      for (int csid = 3; csid < 3 + 20; csid++) {
        // Each chunk stream starts a 1000-byte message and sends only its first 100 bytes.
        client.send(RawRtmpSocket.type0Header(csid, 1000, 0x12));
        client.send(new byte[100]);
      }

      assertTrue(client.closedByServer(), "limits.maxChunkStreams 8");
    }
  }

  @Test
  void garbageAfterTheHandshakeIsClosed() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      client.handshake();
      // A command message whose AMF body is an unknown marker (0x42).
      client.send(RawRtmpSocket.type0Header(3, 4, 0x14));
      client.send(new byte[] {0x42, 0x42, 0x42, 0x42});

      assertTrue(client.closedByServer());
    }
  }

  @Test
  void commandBeforeConnectIsClosed() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      client.handshake();
      // AMF0: string "play", number 0, null.
      byte[] body = {0x02, 0x00, 0x04, 'p', 'l', 'a', 'y', 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x05};
      client.send(RawRtmpSocket.type0Header(3, body.length, 0x14));
      client.send(body);

      assertTrue(client.closedByServer());
    }
  }

  @Test
  void connectionsBeyondThePerAddressLimitAreRefused() throws Exception {
    RawRtmpSocket[] held = new RawRtmpSocket[19]; // with the bystander: 20, the limit
    try {
      for (int i = 0; i < held.length; i++) {
        held[i] = new RawRtmpSocket(nimbus.rtmpPort());
        held[i].handshake();
      }
      try (RawRtmpSocket extra = new RawRtmpSocket(nimbus.rtmpPort())) {
        assertTrue(extra.closedByServer(), "limits.maxConnectionsPerIp 20");
      }
    } finally {
      for (RawRtmpSocket socket : held) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  @Test
  void handshakesBeyondThePendingLimitAreRefused() throws Exception {
    RawRtmpSocket[] stalled = new RawRtmpSocket[10];
    try {
      for (int i = 0; i < stalled.length; i++) {
        stalled[i] = new RawRtmpSocket(nimbus.rtmpPort());
        stalled[i].send(new byte[] {3}); // C0 only: the handshake stays pending
      }
      try (RawRtmpSocket extra = new RawRtmpSocket(nimbus.rtmpPort())) {
        extra.send(new byte[] {3});
        assertTrue(extra.closedByServer(), "limits.maxPendingHandshakes 10");
      }
    } finally {
      for (RawRtmpSocket socket : stalled) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  @Test
  void rtmpeIsRefused() throws Exception {
    try (RawRtmpSocket client = new RawRtmpSocket(nimbus.rtmpPort())) {
      byte[] c0c1 = new byte[1537];
      c0c1[0] = 6; // RTMPE
      client.send(c0c1);

      assertTrue(client.closedByServer());
    }
  }
}
