package org.nimbusmedia.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.metrics.ProtocolMeters.Direction;
import org.nimbusmedia.server.metrics.ProtocolMeters.MessageMeters;

class ProtocolMetersTest {
  private final NimbusMetrics metrics = new NimbusMetrics();
  private final ProtocolMeters rtmp = metrics.protocol("rtmp");

  @Test
  void messagesByTypeIdAreTheMetersOfTheirKind() {
    MessageMeters video = rtmp.messages(Direction.OUT, 9, id -> "video");
    video.record(3, 3000);

    assertSame(video, rtmp.messages(Direction.OUT, 9, id -> "never asked"));
    assertSame(video, rtmp.messages(Direction.OUT, "video"));
    assertEquals(3, count("nimbus.messages", "out", "video"));
    assertEquals(3000, count("nimbus.message.bytes", "out", "video"));
  }

  @Test
  void directionsAndTypeIdsKeepTheirOwnMeters() {
    MessageMeters out = rtmp.messages(Direction.OUT, 8, id -> "audio");
    MessageMeters in = rtmp.messages(Direction.IN, 8, id -> "audio");
    in.record(1, 100);

    assertNotSame(in, out);
    assertSame(in, rtmp.messages(Direction.IN, 0x108, id -> "not a byte"), "a type id is a byte");
    assertEquals(1, count("nimbus.messages", "in", "audio"));
    assertEquals(0, count("nimbus.messages", "out", "audio"));
  }

  private double count(String name, String direction, String type) {
    return metrics
        .registry()
        .get(name)
        .tag("protocol", "rtmp")
        .tag("direction", direction)
        .tag("type", type)
        .counter()
        .count();
  }
}
